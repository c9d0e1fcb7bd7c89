using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Models;
using HyperSweep.Client.Plotting;
using HyperSweep.Engine.Analysis;
using HyperSweep.Engine.Packaging;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep analyze clusters &lt;model|sweep&gt; --words FILE | --task agreement -o tree.png</c>: Elman's (1990)
/// picture — each word's hidden state averaged over the contexts it occurs in, clustered hierarchically (average
/// linkage), drawn as a dendrogram. Contexts: <c>--data FILE</c> (one sentence a line) or the model task's dev split.
/// </summary>
public static class AnalyzeClustersCommand
{
    public static Command Create()
    {
        var model = ModelSource.Argument();
        var trial = ModelSource.TrialOption();
        var words = new Option<FileInfo?>("--words") { Description = "The words to cluster, one a line; an optional tab-separated second column names the word's group (colours the tree)." };
        var task = new Option<string?>("--task") { Description = "'agreement': the agreement task's nouns and verbs, singular and plural (the model must be trained on it)." };
        task.AcceptOnlyFromAmong("agreement");
        var data = new Option<FileInfo?>("--data") { Description = "Sentences (one a line) whose contexts to average over (default: the model task's dev split)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The dendrogram image (.png, or .svg).", Required = true };
        var command = new Command("clusters", "Cluster words by the model's mean hidden state after them and draw the dendrogram (Elman 1990).")
        {
            model, trial, words, task, data, output,
        };
        command.WithExamples(
            "hypersweep analyze clusters agreement-lstm --task agreement -o clusters.png",
            "hypersweep analyze clusters model.hsm --words words.tsv --data sentences.txt -o clusters.svg");
        ModelSource.SetAction(command, model, trial, new CommonOptions(), async (parse, context, _) =>
        {
            var chosen = await ChooseWords(context.Model, parse.GetValue(words), parse.GetValue(task));
            var sentences = await Contexts(context.Model, parse.GetValue(data));
            var states = HiddenStates.MeanByWord(context.Model, sentences, chosen.Keys.ToHashSet(StringComparer.Ordinal));
            if (states.Count < 2)
            {
                throw new CliInputException($"only {states.Count} of the {chosen.Count} words occur in the contexts (and the model's vocabulary); nothing to cluster");
            }

            var tree = AgglomerativeClustering.AverageLinkage([.. states.Select(s => s.State)]);
            var file = parse.GetValue(output)!;
            var cell = context.Model.Parameters.Cell.ToString().ToLowerInvariant();
            await OutputFile.SaveAsync(file, path =>
            {
                DendrogramChart.Save(
                    tree, [.. states.Select(s => s.Word)], [.. states.Select(s => chosen[s.Word])],
                    $"Mean hidden state per word ({cell}, hidden {context.Model.Parameters.HiddenSize}), average linkage", path, 1000, Math.Max(500, 60 + (18 * states.Count)));
                return Task.CompletedTask;
            });
            Write(context, states, chosen, tree, file.FullName);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<Dictionary<string, string?>> ChooseWords(LoadedModel model, FileInfo? file, string? task)
    {
        if ((file is null) == (task is null))
        {
            throw new CliInputException("give exactly one of --words FILE and --task agreement");
        }

        if (task is not null)
        {
            return model.Info.Task.Data is AgreementDataSpec agreement
                ? HiddenStates.AgreementWords(agreement.Options).ToDictionary(w => w.Word, w => (string?)w.Group, StringComparer.Ordinal)
                : throw new CliInputException("--task agreement needs a model trained on the built-in agreement task; give --words FILE instead");
        }

        try
        {
            var chosen = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var line in await File.ReadAllLinesAsync(file!.FullName))
            {
                var cells = line.Split('\t', StringSplitOptions.TrimEntries);
                if (cells[0].Length > 0)
                {
                    chosen[cells[0]] = cells.Length > 1 && cells[1].Length > 0 ? cells[1] : null;
                }
            }

            return chosen.Count > 0 ? chosen : throw new CliInputException($"{file.FullName} lists no words");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read {file!.FullName}: {exception.Message}");
        }
    }

    private static async Task<IReadOnlyList<IReadOnlyList<string>>> Contexts(LoadedModel model, FileInfo? data)
    {
        if (data is not null)
        {
            try
            {
                return [.. (await File.ReadAllLinesAsync(data.FullName)).Select(model.Tokenizer.Tokenize).Where(t => t.Length > 0)];
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new CliInputException($"cannot read {data.FullName}: {exception.Message}");
            }
        }

        var dev = EvaluationSets.FromSplit(model, EvaluationSets.Dev);
        if (dev.AgreementSentences is { } sentences)
        {
            return [.. sentences.Select(s => model.Kind == TaskKind.LanguageModel ? s.Tokens : s.Prefix)];
        }

        return [.. dev.Split.Examples.Select(e => (IReadOnlyList<string>)[.. e.TokenIds.Select(model.Vocabulary.TokenOf)])];
    }

    private static void Write(ModelContext context, IReadOnlyList<WordState> states, Dictionary<string, string?> groups, Dendrogram tree, string file)
    {
        if (context.Json)
        {
            JsonReport.WriteDocument(context.Out, json =>
            {
                json.WriteStartObject();
                ModelJson.WriteModel(json, "model", context.Model.Info, context.Source);
                json.WriteString("image", file);
                json.WriteStartArray("words");
                foreach (var s in states)
                {
                    json.WriteStartObject();
                    json.WriteString("word", s.Word);
                    json.WriteString("group", groups[s.Word]);
                    json.WriteNumber("occurrences", s.Occurrences);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("merges");
                foreach (var m in tree.Merges)
                {
                    json.WriteStartObject();
                    json.WriteNumber("left", m.Left);
                    json.WriteNumber("right", m.Right);
                    json.WriteNumber("height", m.Height);
                    json.WriteNumber("size", m.Size);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("leaf_order");
                tree.LeafOrder().Select(i => states[i].Word).ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                json.WriteEndObject();
            });
            return;
        }

        if (!context.Quiet)
        {
            var missing = groups.Keys.Except(states.Select(s => s.Word)).ToList();
            context.Error.WriteLine($"wrote {file}: {states.Count} words" + (missing.Count == 0 ? "" : $" ({missing.Count} not found in the contexts: {string.Join(", ", missing.Take(10))})"));
        }

        context.Out.WriteLine(string.Join(" ", tree.LeafOrder().Select(i => states[i].Word)));
        context.Out.Flush();
    }
}
