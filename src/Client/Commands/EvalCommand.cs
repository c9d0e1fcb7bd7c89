using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Models;
using HyperSweep.Engine.Packaging;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep eval &lt;model|sweep&gt; --data FILE | --split dev|test</c>: scores a kept model with the trainer's own
/// evaluation — loss and accuracy (classifiers) or perplexity (language models), by attractor count on the agreement
/// task — beside the dev metrics the sweep recorded for it. On the dev split the numbers are the recorded ones, bit for bit.
/// </summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var model = ModelSource.Argument();
        var trial = ModelSource.TrialOption();
        var data = new Option<FileInfo?>("--data") { Description = "A file in the task's format (tsv/sst5 for classifiers, one sentence a line for language models)." };
        var split = new Option<string?>("--split") { Description = "The task's own dev or test split instead of a file (regenerated for the agreement task)." };
        split.AcceptOnlyFromAmong(EvaluationSets.Dev, EvaluationSets.Test);
        var command = new Command("eval", "Score a model on a data file or on its task's dev/test split: accuracy or perplexity, and agreement by attractor count.")
        {
            model, trial, data, split,
        };
        command.WithExamples(
            "hypersweep eval sst2-dan --split test   # the sweep's best kept model on the test split",
            "hypersweep eval best.hsm --data reviews.tsv");
        ModelSource.SetAction(command, model, trial, new CommonOptions(), async (parse, context, _) =>
        {
            var file = parse.GetValue(data);
            var splitName = parse.GetValue(split);
            if ((file is null) == (splitName is null))
            {
                throw new CliInputException("give exactly one of --data FILE and --split dev|test");
            }

            var set = file is not null ? EvaluationSets.FromFile(context.Model, file.FullName) : EvaluationSets.FromSplit(context.Model, splitName!);
            var score = ModelEvaluator.Score(context.Model, set);
            Write(context, set, score);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(ModelContext context, EvaluationSet set, ModelScore score)
    {
        var info = context.Model.Info;
        var metrics = new Dictionary<string, double> { ["loss"] = score.Loss };
        if (score.Accuracy is { } accuracy)
        {
            metrics["accuracy"] = accuracy;
        }

        if (score.Perplexity is { } perplexity)
        {
            metrics["perplexity"] = perplexity;
        }

        if (context.Json)
        {
            JsonReport.WriteDocument(context.Out, json =>
            {
                json.WriteStartObject();
                ModelJson.WriteModel(json, "model", info, context.Source);
                json.WriteString("data", set.Source);
                json.WriteNumber("examples", score.Examples);
                json.WriteNumber("targets", score.Targets);
                ModelJson.WriteMetrics(json, "metrics", metrics);
                ModelJson.WriteMetrics(json, "recorded", info.Metrics);
                json.WriteStartArray("by_attractors");
                foreach (var (attractors, (correct, total)) in score.ByAttractors ?? new Dictionary<int, (int, int)>())
                {
                    json.WriteStartObject();
                    json.WriteNumber("attractors", attractors);
                    json.WriteNumber("correct", correct);
                    json.WriteNumber("total", total);
                    JsonReport.WriteNumber(json, "accuracy", total == 0 ? null : (double)correct / total);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            });
            return;
        }

        var output = context.Out;
        if (context.Quiet)
        {
            output.WriteLine(string.Join(" ", metrics.Select(m => $"{m.Key}={ModelJson.Exact(m.Value)}")));
            return;
        }

        output.WriteLine($"model: {context.Source} ({TaskDefinition.KindName(info.Task.Kind)}, {context.Model.Parameters.Arch.ToString().ToLowerInvariant()}, epoch {info.BestEpoch})");
        output.WriteLine($"data: {set.Source}: {score.Examples} examples, {score.Targets} scored targets");
        foreach (var (name, value) in metrics)
        {
            output.WriteLine($"{name}: {ModelJson.Exact(value)}");
        }

        output.WriteLine($"recorded by the sweep (dev, epoch {info.BestEpoch}): {ModelJson.Exact(info.Metrics)}");
        if (score.ByAttractors is { Count: > 0 } groups)
        {
            var label = info.Task.Kind == TaskKind.LanguageModel ? "verb form preferred" : "label right";
            var table = new TextTable("attractors", label, "of", "accuracy");
            foreach (var (attractors, (correct, total)) in groups)
            {
                table.Add(TextTable.Int(attractors), TextTable.Int(correct), TextTable.Int(total), Formatting.Value(total == 0 ? null : (double)correct / total));
            }

            table.Write(output, context.Quiet, null, "agreement by attractor count:");
        }

        output.Flush();
    }
}
