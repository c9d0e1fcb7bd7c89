using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep top &lt;sweep&gt; [--top N]</c>: the leaderboard, best first.</summary>
public static class TopCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var top = SharedOptions.Top(10);
        var command = new Command("top", "The leaderboard: the best trials by the sweep's objective, best first.") { sweep, top };
        command.WithExamples(
            "hypersweep top quickstart            # the best 10",
            "hypersweep top quickstart --top 3 --json");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var ranked = await grain.GetLeaderboard(parse.GetValue(top));
            if (context.Json)
            {
                TrialsCommand.WriteJson(context, status, ranked);
            }
            else if (context.Quiet)
            {
                foreach (var t in ranked)
                {
                    await context.Out.WriteLineAsync($"{t.Number} {Formatting.Value(t.BestValue)}");
                }
            }
            else
            {
                Leaderboard.Print(status, ranked, await grain.GetTrials(), context.Rich, context.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
