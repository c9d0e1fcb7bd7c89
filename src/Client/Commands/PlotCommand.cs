using HyperSweep.Search;
using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Client.Connection;
using HyperSweep.Client.Plotting;
using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep plot &lt;sweep&gt; -o curves.png</c>: learning curves (objective per epoch) of the top k trials and of the
/// pruned trials (dashed, a cross where they were pruned) as PNG, or SVG when the file ends in .svg.
/// </summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var sweep = SweepArgument.Create();
        var output = new Option<FileInfo>("--output", "-o") { Description = "The image file (.png, or .svg).", Required = true, HelpName = "file" };
        var k = SharedOptions.Top(5, "How many of the best trials to draw (pruned trials are drawn too).", minimum: 0);
        var width = new Option<int>("--width") { Description = "Image width in pixels.", DefaultValueFactory = _ => 1200 };
        var height = new Option<int>("--height") { Description = "Image height in pixels.", DefaultValueFactory = _ => 800 };
        var noPruned = new Option<bool>("--no-pruned") { Description = "Leave out the pruned trials." };
        var command = new Command("plot", "Plot learning curves of the best and the pruned trials to a PNG (or SVG) file.") { sweep, output, k, width, height, noPruned };
        command.WithExamples(
            "hypersweep plot quickstart -o curves.png",
            "hypersweep plot quickstart -o curves.svg --top 3 --no-pruned");
        ClusterCommand.SetAction(command, new CommonOptions(), ConnectPurpose.Read, async (parse, context, _) =>
        {
            var (w, h, count) = (parse.GetValue(width), parse.GetValue(height), parse.GetValue(k));
            if (w is < 100 or > 10000 || h is < 100 or > 10000)
            {
                throw new CliInputException($"--width and --height must be between 100 and 10000 pixels, not {w}x{h}");
            }

            var (grain, status) = await SweepResolver.ResolveAsync(context.Grains, parse.GetValue(sweep)!);
            var numbers = (await grain.GetLeaderboard(Math.Max(count, 1))).Take(count).Select(t => t.Number).ToList();
            if (!parse.GetValue(noPruned))
            {
                numbers.AddRange((await grain.GetTrials()).Where(t => t.State == TrialState.Pruned).Select(t => t.Number));
            }

            var details = new List<TrialDetail>();
            foreach (var n in numbers.Distinct())
            {
                if (await grain.GetTrial(n) is { } detail)
                {
                    details.Add(detail);
                }
            }

            var model = CurvePlot.From(status, details);
            if (model.Series.Count == 0)
            {
                throw new CliInputException($"sweep {status.SweepId} has no recorded {status.Objective.Metric} curves to plot yet");
            }

            var file = parse.GetValue(output)!;
            await OutputFile.SaveAsync(file, path =>
            {
                CurvePlotRenderer.Save(model, path, w, h);
                return Task.CompletedTask;
            });
            if (!context.Quiet)
            {
                await context.Error.WriteLineAsync($"wrote {model.Series.Count} curves to {file.FullName}");
            }

            return ExitCodes.Success;
        }, json: false);
        return command;
    }
}
