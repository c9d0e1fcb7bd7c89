using System.CommandLine;
using HyperSweep.Client.Connection;

namespace HyperSweep.Client.Commands;

/// <summary><c>hypersweep top &lt;sweep&gt; [-k N]</c>: the leaderboard, best first.</summary>
public static class TopCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var k = new Option<int>("-k", "--top") { Description = "How many trials to show.", DefaultValueFactory = _ => 10 };
        var command = new Command("top", "The leaderboard: the best k trials by the sweep's objective, best first.") { sweep, k };
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var count = parse.GetValue(k);
            if (count < 1)
            {
                throw new CliInputException($"-k must be at least 1, not {count}");
            }

            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var ranked = await grain.GetLeaderboard(count);
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
                Leaderboard.Print(status, ranked, context.Rich, context.Out);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
