using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Models;
using HyperSweep.Engine.Packaging;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep predict &lt;model|sweep&gt; [TEXT...] [--file F]</c>: each text's class probabilities (classifiers) or the
/// k most probable next words after it (language models).
/// </summary>
public static class PredictCommand
{
    public static Command Create()
    {
        var model = ModelSource.Argument();
        var trial = ModelSource.TrialOption();
        var texts = new Argument<string[]>("text") { Description = "Texts to predict on, one per argument (quote them).", Arity = ArgumentArity.ZeroOrMore };
        var file = new Option<FileInfo?>("--file") { Description = "Texts to predict on, one per line." };
        var top = SharedOptions.Top(5, "Language models: how many next words to show.");
        var command = new Command("predict", "Run a model on texts: class and probabilities, or the most probable next words.") { model, texts, trial, file, top };
        command.WithExamples(
            "hypersweep predict best.hsm \"a gripping , funny film\" \"dull and overlong\"",
            "hypersweep predict ptb-lstm --trial 4 --top 10 \"the stock market\"",
            "hypersweep predict best.hsm --file sentences.txt --json");
        ModelSource.SetAction(command, model, trial, new CommonOptions(), async (parse, context, _) =>
        {
            var inputs = (parse.GetValue(texts) ?? []).ToList();
            if (parse.GetValue(file) is { } path)
            {
                inputs.AddRange(await ReadLines(path));
            }

            if (inputs.Count == 0)
            {
                throw new CliInputException("give texts as arguments or --file F (one text per line)");
            }

            var k = parse.GetValue(top);
            if (k < 1)
            {
                throw new CliInputException($"-k must be at least 1, not {k}");
            }

            var predictions = inputs.Select(text => Predictor.Predict(context.Model, text, k)).ToList();
            Write(context, predictions);
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<IReadOnlyList<string>> ReadLines(FileInfo path)
    {
        try
        {
            return [.. (await File.ReadAllLinesAsync(path.FullName)).Where(line => line.Trim().Length > 0)];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot read {path.FullName}: {exception.Message}");
        }
    }

    private static void Write(ModelContext context, IReadOnlyList<Prediction> predictions)
    {
        var classifier = context.Model.Kind == TaskKind.Classification;
        if (context.Json)
        {
            JsonReport.WriteDocument(context.Out, json =>
            {
                json.WriteStartObject();
                ModelJson.WriteModel(json, "model", context.Model.Info, context.Source);
                json.WriteStartArray("predictions");
                foreach (var prediction in predictions)
                {
                    json.WriteStartObject();
                    json.WriteString("text", prediction.Text);
                    json.WriteStartArray("tokens");
                    prediction.Tokens.ToList().ForEach(json.WriteStringValue);
                    json.WriteEndArray();
                    json.WriteStartArray(classifier ? "classes" : "next_words");
                    foreach (var (outcome, probability) in prediction.Outcomes)
                    {
                        json.WriteStartObject();
                        json.WriteString(classifier ? "label" : "word", outcome);
                        json.WriteNumber("probability", probability);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
            return;
        }

        foreach (var prediction in predictions)
        {
            var outcomes = string.Join("  ", prediction.Outcomes.Select(o => $"{o.Outcome} {o.Probability:0.0000}"));
            context.Out.WriteLine(context.Quiet
                ? prediction.Outcomes[0].Outcome
                : $"{prediction.Text}\n  {(classifier ? "class" : "next word")}: {prediction.Outcomes[0].Outcome}   ({outcomes})");
        }

        context.Out.Flush();
    }
}
