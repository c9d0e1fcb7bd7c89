using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>cancel</c>, <c>pause</c> and <c>resume</c>: one call on the sweep's coordinator, then its new state. A sweep that
/// already ended is left alone and said to have ended, with exit code <see cref="ExitCodes.AlreadyFinished"/>.
/// </summary>
public static class ControlCommand
{
    public static Command Cancel() => Create("cancel", "Cancel a sweep: stop its running trials and start no more (final).", g => g.Cancel());

    public static Command Pause() => Create("pause", "Pause a sweep: start no new trials; running trials stop and keep their checkpoints.", g => g.Pause());

    public static Command Resume() => Create("resume", "Resume a paused sweep (running trials continue from their checkpoints).", g => g.Resume());

    private static Command Create(string name, string description, Func<ISweepGrain, Task<SweepStatus?>> action)
    {
        var sweep = SweepArgument.Create();
        var command = new Command(name, description) { sweep };
        command.WithExamples($"hypersweep {name} quickstart", $"hypersweep {name} sw-20261206 --quiet   # prints the new state");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, before) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            if (before.IsFinal)
            {
                await context.Error.WriteLineAsync(
                    $"hypersweep {name}: sweep {before.SweepId} already {Formatting.State(before.State)}; there is nothing to {name}");
                Write(context, before);
                return ExitCodes.AlreadyFinished;
            }

            var status = await action(grain) ?? throw new CliInputException($"sweep {before.SweepId} disappeared");
            Write(context, status);
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(CommandContext context, SweepStatus status)
    {
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
            context.Out.WriteLine(Formatting.State(status.State));
        }
        else
        {
            context.Out.WriteLine($"{status.Name} ({status.SweepId}): {Formatting.State(status.State)}; {Formatting.Counts(status)}");
        }

        context.Out.Flush();
    }
}
