using HyperSweep.Search;
using System.Globalization;
using HyperSweep.Contracts;

namespace HyperSweep.Client;

/// <summary>
/// Progress as plain lines, for redirected output and dumb terminals (Spectre's live display needs a real
/// terminal): one line per trial event (started, epoch, paused, resumed, finished) and one when the counts change.
/// </summary>
public sealed class PlainProgressView(TextWriter output, TimeSpan interval) : IProgressView
{
    public bool ShowsTrials => true;

    private readonly Dictionary<int, (TrialState State, int Epochs)> _seen = [];
    private string _lastSummary = "";

    public async Task<SweepSnapshot?> ShowAsync(Func<Task<SweepSnapshot?>> poll)
    {
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
                _ => $"trial {trial.Number} {Formatting.State(trial.State)} after {trial.EpochsRun} epochs, best {metric}={Formatting.Value(trial.BestValue)}"
                     + (trial.Reason is null ? "" : $" ({trial.Reason})"),
            };
            if (line is not null)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {line}"));
            }
        }

        var summary = $"{Formatting.Counts(snapshot.Status)}; {Formatting.Best(snapshot.Status)}";
        if (summary != _lastSummary)
        {
            _lastSummary = summary;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:HH:mm:ss}] {summary}"));
        }

        output.Flush();
    }
}
