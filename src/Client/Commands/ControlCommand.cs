using System.CommandLine;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary><c>cancel</c>, <c>pause</c> and <c>resume</c>: one call on the sweep's coordinator, then its new state.</summary>
public static class ControlCommand
{
    public static Command Cancel() => Create("cancel", "Cancel a sweep: stop its running trials and start no more (final).", g => g.Cancel());

    public static Command Pause() => Create("pause", "Pause a sweep: start no new trials; running trials stop and keep their checkpoints.", g => g.Pause());

    public static Command Resume() => Create("resume", "Resume a paused sweep (running trials continue from their checkpoints).", g => g.Resume());

    private static Command Create(string name, string description, Func<ISweepGrain, Task<SweepStatus?>> action)
    {
        var sweep = SweepArgument.Create();
        var command = new Command(name, description) { sweep };
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, _) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var status = await action(grain) ?? throw new CliInputException($"sweep {parse.GetValue(sweep)} disappeared");
            if (context.Json)
            {
                JsonReport.WriteDocument(context.Out, json =>
                {
                    json.WriteStartObject();
                    JsonReport.WriteStatusFields(json, status);
                    json.WriteEndObject();
                });
            }
            else if (context.Quiet)
            {
                await context.Out.WriteLineAsync(Formatting.State(status.State));
            }
            else
            {
                await context.Out.WriteLineAsync($"{status.Name} ({status.SweepId}): {Formatting.State(status.State)}; {Formatting.Counts(status)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
