using System.Globalization;
using HyperSweep.Contracts;
using HyperSweep.Search;
using Spectre.Console;

namespace HyperSweep.Client;

/// <summary>
/// A live table on a real terminal: counts, best so far, elapsed time and an estimate of the time left, the running
/// trials with their epoch and the last finished ones, and how many more trials the table does not show.
/// </summary>
public sealed class SpectreProgressView(IAnsiConsole console, TimeSpan interval) : IProgressView
{
    /// <summary>Rows of running trials shown at most; the rest are counted in the "N more" line.</summary>
    public const int RunningRows = 12;

    /// <summary>Rows of recently finished trials.</summary>
    public const int FinishedRows = 5;

    private readonly SweepClock _clock = new();

    public bool ShowsTrials => true;

    public async Task<SweepSnapshot?> ShowAsync(Func<Task<SweepSnapshot?>> poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
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

    /// <summary>The rows the live table shows: the running trials (up to <see cref="RunningRows"/>), then the last ones that ended.</summary>
    public static IReadOnlyList<TrialSummary> Shown(SweepSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var running = snapshot.Trials.Where(t => t.State == TrialState.Running);
        var ended = snapshot.Trials.Where(t => t.State is not (TrialState.Running or TrialState.Pending)).OrderByDescending(t => t.EndedAt).ThenByDescending(t => t.Number);
        return [.. running.Take(RunningRows), .. ended.Take(FinishedRows)];
    }

    /// <summary>The caption under the live table: counts, best, time, how many trials are not shown, shared settings.</summary>
    public static string Caption(SweepSnapshot snapshot, SweepClock clock)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(clock);
        var status = snapshot.Status;
        var more = status.PlannedTrials - Shown(snapshot).Count;
        var columns = ParameterColumns.Of(snapshot.Trials);
        return $"{Formatting.Counts(status)} — {Formatting.Best(status)} — {clock.Describe(status)}"
            + (more > 0 ? $"\n{more} more trials not shown (hypersweep trials {status.SweepId})" : "")
            + (columns.SharedLine is { } shared ? "\n" + shared : "");
    }

    private Table Render(SweepSnapshot snapshot)
    {
        var status = snapshot.Status;
        var shown = Shown(snapshot);
        var columns = ParameterColumns.Of(snapshot.Trials);
        var caption = Caption(snapshot, _clock);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(status.Name)}[/] ({Markup.Escape(status.SweepId)}) {Formatting.State(status.State)}")
            .Caption(Markup.Escape(caption));
        table.AddColumn("trial");
        table.AddColumn("state");
        table.AddColumn("epoch");
        table.AddColumn(Markup.Escape(status.Objective.Metric));
        table.AddColumn("best");
        table.AddColumn("parameters");
        foreach (var trial in shown)
        {
            table.AddRow(
                trial.Number.ToString(CultureInfo.InvariantCulture),
                Formatting.State(trial.State),
                trial.EpochsRun.ToString(CultureInfo.InvariantCulture),
                Formatting.Value(trial.LastValue),
                Formatting.Value(trial.BestValue),
                Markup.Escape(columns.Varying(trial)));
        }

        return table;
    }
}
