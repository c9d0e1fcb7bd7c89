using System.Globalization;
using HyperSweep.Contracts;
using HyperSweep.Search;

namespace HyperSweep.Client;

/// <summary>
/// Progress as plain lines, for redirected output and dumb terminals (Spectre's live display needs a real terminal): one
/// line per trial event (started, epoch, paused, resumed, finished — a failed trial is one line with its reason, its stack
/// trace is in the log file) and one when the counts change, with the elapsed time and an estimate of the time left. What
/// happened before the view started is summed up in one line, not replayed with today's time. On a (dumb) terminal a line
/// is cut at <paramref name="maxWidth"/> columns; a file or a pipe gets it whole (scripts read the trials' parameters).
/// </summary>
public sealed class PlainProgressView(TextWriter output, TimeSpan interval, int? maxWidth = null) : IProgressView
{
    private readonly Dictionary<int, (TrialState State, int Epochs)> _seen = [];
    private readonly SweepClock _clock = new();
    private string _lastSummary = "";
    private bool _started;

    public bool ShowsTrials => true;

    public async Task<SweepSnapshot?> ShowAsync(Func<Task<SweepSnapshot?>> poll)
    {
        ArgumentNullException.ThrowIfNull(poll);
        SweepSnapshot? last = null;
        while (await poll() is { } snapshot)
        {
            last = snapshot;
            Write(snapshot);
            if (snapshot.Status.IsFinal)
            {
                break;
            }

            await Task.Delay(interval);
        }

        return last;
    }

    private void Write(SweepSnapshot snapshot)
    {
        if (!_started)
        {
            _started = true;
            // Trials that ran before this view started are the baseline: counted in the summary, not replayed as events.
            foreach (var trial in snapshot.Trials.Where(t => t.State != TrialState.Running))
            {
                _seen[trial.Number] = (trial.State, trial.EpochsRun);
            }

            if (snapshot.Status.IsFinal)
            {
                return;
            }
        }

        var metric = snapshot.Status.Objective.Metric;
        foreach (var trial in snapshot.Trials)
        {
            var previous = _seen.GetValueOrDefault(trial.Number, (State: TrialState.Pending, Epochs: 0));
            if (previous == (trial.State, trial.EpochsRun))
            {
                continue;
            }

            _seen[trial.Number] = (trial.State, trial.EpochsRun);
            var line = trial.State switch
            {
                TrialState.Running or TrialState.Pending when trial.EpochsRun > previous.Epochs =>
                    $"trial {trial.Number} epoch {trial.EpochsRun} {metric}={Formatting.Value(trial.LastValue)}",
                TrialState.Running when trial.EpochsRun > 0 =>
                    $"trial {trial.Number} resumed after epoch {trial.EpochsRun}" + (trial.Reason is null ? "" : $" ({trial.Reason})"),
                TrialState.Running => $"trial {trial.Number} started: {Formatting.Parameters(trial.Parameters)}",
                TrialState.Pending => null,
                // "trial 3 pruned after 3 epochs, best val_accuracy=0.8367 (reason)": the form scripts parse (bench/e2e.sh).
                _ => $"trial {trial.Number} {Formatting.State(trial.State)} after {trial.EpochsRun} epochs, best {metric}={Formatting.Value(trial.BestValue)}"
                     + (trial.Reason is null ? "" : $" ({Formatting.Reason(trial.Reason)})"),
            };
            if (line is not null)
            {
                WriteLine(line);
            }
        }

        var summary = $"{Formatting.Counts(snapshot.Status)}; {Formatting.Best(snapshot.Status)}";
        if (summary != _lastSummary)
        {
            _lastSummary = summary;
            WriteLine($"{summary}; {_clock.Describe(snapshot.Status)}");
        }

        output.Flush();
    }

    private void WriteLine(string line)
    {
        var stamped = string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {line}");
        output.WriteLine(maxWidth is not { } width || stamped.Length <= width ? stamped : stamped[..(width - 1)] + "…");
    }
}
