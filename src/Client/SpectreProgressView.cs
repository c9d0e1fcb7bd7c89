using HyperSweep.Search;
using HyperSweep.Contracts;
using Spectre.Console;

namespace HyperSweep.Client;

/// <summary>A live table on a real terminal: counts, best so far, and every running trial with its epoch.</summary>
public sealed class SpectreProgressView(IAnsiConsole console, TimeSpan interval) : IProgressView
{
    public bool ShowsTrials => true;

    public async Task<SweepSnapshot?> ShowAsync(Func<Task<SweepSnapshot?>> poll)
    {
        SweepSnapshot? last = null;
        await console.Live(new Markup("starting…")).AutoClear(false).StartAsync(async context =>
        {
            while (await poll() is { } snapshot)
            {
                last = snapshot;
                context.UpdateTarget(Render(snapshot));
                context.Refresh();
                if (snapshot.Status.IsFinal)
                {
                    break;
                }

                await Task.Delay(interval);
            }
        });
        return last;
    }

    private static Table Render(SweepSnapshot snapshot)
    {
        var status = snapshot.Status;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(status.Name)}[/] ({Markup.Escape(status.SweepId)}) {Formatting.State(status.State)}")
            .Caption(Markup.Escape($"{Formatting.Counts(status)} — {Formatting.Best(status)}" + (Formatting.Scheduler(status) is { } s ? $"\n{s}" : "")));
        table.AddColumn("trial");
        table.AddColumn("state");
        table.AddColumn("epoch");
        table.AddColumn(Markup.Escape(status.Objective.Metric));
        table.AddColumn("best");
        table.AddColumn("parameters");
        var shown = snapshot.Trials
            .Where(t => t.State == TrialState.Running)
            .Concat(snapshot.Trials.Where(t => t.State != TrialState.Running && t.State != TrialState.Pending).Reverse().Take(5));
        foreach (var trial in shown)
        {
            table.AddRow(
                trial.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Formatting.State(trial.State),
                trial.EpochsRun.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Formatting.Value(trial.LastValue),
                Formatting.Value(trial.BestValue),
                Markup.Escape(Formatting.Parameters(trial.Parameters)));
        }

        return table;
    }
}
