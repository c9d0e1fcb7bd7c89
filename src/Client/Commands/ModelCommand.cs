using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Client.Models;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Engine;
using HyperSweep.Engine.Packaging;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep model ls &lt;sweep&gt;</c> and <c>hypersweep model export &lt;sweep&gt; [--trial N] -o model.hsm</c>.</summary>
public static class ModelCommand
{
    public static Command Create() => new Command("model", "The models a sweep keeps (keep: {best: N}): list them, or export one as a self-contained .hsm file.")
    {
        List(),
        Export(),
    }.WithExamples("hypersweep model ls sst2-dan", "hypersweep model export sst2-dan -o best.hsm");

    private static Command List()
    {
        var sweep = SweepArgument.Create();
        var command = new Command("ls", "The sweep's kept models, best first: trial, best value and epoch, test metrics (scored at the end of the sweep), file size.") { sweep };
        command.WithExamples("hypersweep model ls sst2-dan", "hypersweep model ls sst2-dan --json");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var kept = await grain.GetKeptModels();
            if (context.Json)
            {
                JsonReport.WriteDocument(context.Out, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("sweep_id", status.SweepId);
                    json.WriteString("objective", status.Objective.ToString());
                    json.WriteStartArray("models");
                    foreach (var k in kept)
                    {
                        json.WriteStartObject();
                        json.WriteNumber("rank", k.Rank);
                        json.WriteNumber("trial", k.Trial);
                        json.WriteString("state", Formatting.State(k.State));
                        JsonReport.WriteNumber(json, "best_value", k.BestValue);
                        JsonReport.WriteNumber(json, "best_epoch", k.BestEpoch);
                        ModelJson.WriteMetrics(json, "test", k.TestMetrics);
                        ModelJson.WriteArtifact(json, "model", k.Model);
                        json.WriteString("note", k.Note);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                });
                return ExitCodes.Success;
            }

            var table = new TextTable("rank", "trial", "state", status.Objective.Metric, "epoch", "test", "model");
            foreach (var k in kept)
            {
                table.Add(
                    TextTable.Int(k.Rank), TextTable.Int(k.Trial), Formatting.State(k.State), Formatting.Value(k.BestValue),
                    k.BestEpoch is { } e ? TextTable.Int(e) : "-",
                    k.TestMetrics is null ? "-" : string.Join(", ", k.TestMetrics.Select(m => $"{m.Key} {Formatting.Value(m.Value)}")),
                    k.Model is { } m ? $"{m.Length / 1024.0:0.#} KiB" : k.Note ?? (status.IsFinal ? "-" : "made when the sweep ends (or on export)"));
            }

            table.Write(context, $"{status.Name} ({status.SweepId}): {kept.Count} kept model(s); objective: {status.Objective}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export()
    {
        var sweep = SweepArgument.Create();
        var trial = new Option<int?>("--trial") { Description = "The kept trial to export (default: the best)." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "The model file to write (.hsm).", Required = true };
        var command = new Command("export", "Write a kept model as one self-contained file: weights of the trial's best epoch, vocabulary, task, hyper-parameters, dev and test metrics, engine version (docs/MODELS.md).")
        {
            sweep, trial, output,
        };
        command.WithExamples(
            "hypersweep model export sst2-dan -o best.hsm   # the best kept model",
            "hypersweep model export sst2-dan --trial 7 -o trial7.hsm");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, cancellation) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var kept = await ModelSource.KeptAsync(grain, status, parse.GetValue(trial));
            var bytes = await ModelDownload.ReadAsync(context.Grains, kept.Model!, cancellation);
            ModelPackage package;
            try
            {
                package = ModelPackageFormat.Read(bytes, $"sweep {status.SweepId} trial {kept.Trial}");
            }
            catch (EngineException exception)
            {
                throw new CliInputException(exception.Message);
            }

            // What the trial could not know when it saved its weights: where it ranked and its test metrics.
            var info = package.Info with
            {
                Origin = new ModelOrigin(status.SweepId, status.Name, kept.Trial, kept.Rank),
                TestMetrics = kept.TestMetrics ?? package.Info.TestMetrics,
            };
            var file = parse.GetValue(output)!;
            var written = ModelPackageFormat.Write(package with { Info = info });
            await OutputFile.SaveAsync(file, path =>
            {
                WriteAtomically(path, written);
                return Task.CompletedTask;
            });
            if (context.Json)
            {
                JsonReport.WriteDocument(context.Out, json =>
                {
                    json.WriteStartObject();
                    json.WriteString("file", file.FullName);
                    json.WriteNumber("bytes", written.Length);
                    json.WriteNumber("rank", kept.Rank);
                    ModelJson.WriteModel(json, "model", info, file.FullName);
                    json.WriteEndObject();
                });
            }
            else if (context.Quiet)
            {
                await context.Out.WriteLineAsync(file.FullName);
            }
            else
            {
                await context.Out.WriteLineAsync(
                    $"wrote {file.FullName} ({written.Length / 1024.0:0.#} KiB): trial {kept.Trial} of {status.Name} (rank {kept.Rank}), epoch {info.BestEpoch}, " +
                    $"{ModelJson.Exact(info.Metrics)}; test: {ModelJson.Exact(info.TestMetrics)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary); // OutputFile.SaveAsync turns the failure into one line naming the file
            throw;
        }
    }
}
