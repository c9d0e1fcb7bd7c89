using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep submit &lt;spec&gt;</c>: validates the spec here (errors exit 2 before connecting), submits it to a
/// long-lived silo and prints the sweep id at once. In dev mode the silo is the one running on the state
/// directory (<c>hypersweep serve</c>); without one the command exits 3 with that hint.
/// </summary>
public static class SubmitCommand
{
    public static Command Create()
    {
        var spec = new Argument<FileInfo>("spec") { Description = "The sweep spec (YAML, docs/SPEC.md)." };
        var name = new Option<string?>("--name") { Description = "Override the spec's name." };
        var command = new Command("submit", "Submit a sweep to the cluster (dev mode: the silo started by hypersweep serve) and print its id at once.")
        {
            spec, name,
        };
        command.WithExamples(
            "hypersweep serve &                                    # dev mode: a silo that outlives the command",
            "id=$(hypersweep submit examples/quickstart.yaml)      # prints the sweep id",
            "hypersweep submit sweep.yaml --cluster redis://head:6379/lab --name lr-study");
        var common = new CommonOptions();
        common.AddTo(command);
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var loaded = await SpecFile.LoadAsync(parse.GetValue(spec)!, "hypersweep submit", error);
            if (loaded is not { } valid)
            {
                return ExitCodes.BadInput;
            }

            // Chosen once: a submit that timed out is sent again (ClusterCommand) with the same id and text, which the
            // sweep accepts again instead of starting a second sweep.
            var sweepId = SweepIds.New();
            return await ClusterCommand.RunAsync(parse, common, ConnectPurpose.LongLived, async (p, context, _) =>
            {
                var result = await context.Grains.GetGrain<ISweepGrain>(sweepId)
                    .Submit(new SweepSubmission(valid.Text, p.GetValue(spec)!.ToString(), p.GetValue(name), valid.Folder));
                if (!result.Accepted)
                {
                    await SpecFile.WriteErrorsAsync(result.Errors, context.Error);
                    return ExitCodes.BadInput;
                }

                if (context.Json)
                {
                    JsonReport.WriteDocument(context.Out, json =>
                    {
                        json.WriteStartObject();
                        JsonReport.WriteStatusFields(json, result.Status!);
                        json.WriteEndObject();
                    });
                }
                else
                {
                    await context.Out.WriteLineAsync(sweepId);
                    if (!context.Quiet)
                    {
                        await context.Error.WriteLineAsync(
                            $"submitted {result.Status?.Name} ({result.Status?.PlannedTrials} trials); follow it with: hypersweep watch {sweepId}");
                    }
                }

                return ExitCodes.Success;
            }, hasJson: true, cancellation);
        });
        return command;
    }
}
