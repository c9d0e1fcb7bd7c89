using System.Globalization;
using HyperSweep.Search;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Scheduling;

namespace HyperSweep.Scheduler.Bench;

/// <summary>
/// Replays one seed's recorded full curves under each scheduler (the same code the coordinator runs; a resumed trial's
/// curve is the uninterrupted one, which the bit-for-bit tests guarantee) with the spec's concurrency as workers and
/// each epoch costing its measured core-seconds: epochs and core-seconds spent, the best value found, and the curve of
/// best-so-far against core-seconds (a resume costs the measured rebuild-and-load time).
/// </summary>
internal static class ReplayComparison
{
    public sealed record Outcome(string Scheduler, int Seed, long Epochs, double CoreSeconds, double Best, int Rank, int Promotions,
        IReadOnlyList<(double CoreSeconds, double Best)> BestSoFar);

    public static Outcome Run(string name, IScheduler scheduler, IReadOnlyList<RecordedTrial> trials, double resumeSeconds, int workers,
        StudyDirection direction, int seed)
    {
        var recording = new RecordingScheduler(scheduler);
        var curves = trials.Select(t => new RecordedCurve(t.Parameters, t.Values, t.Seconds.Average())).ToList();
        var result = ReplaySimulator.Run(curves, recording, workers, direction, $"bench-{seed}", firstStep: 1);
        var spent = 0.0;
        var best = double.NaN;
        var series = new List<(double, double)>();
        foreach (var (trial, step, value) in recording.Reports)
        {
            spent += step < 0 ? resumeSeconds : trials[trial].Seconds[step - 1];
            if (step > 0 && (double.IsNaN(best) || (direction == StudyDirection.Maximize ? value > best : value < best)))
            {
                best = value;
            }

            series.Add((spent, best));
        }

        return new Outcome(name, seed, result.EpochsConsumed, spent, result.BestValueFound, result.BestTrialRank, recording.Resumes, series);
    }

    /// <summary>The schedulers compared on a spec: ASHA with promotions (the spec's settings), the same settings stop-only, the median pruner, none.</summary>
    public static IReadOnlyList<(string Name, Func<IScheduler> Create)> Schedulers(SchedulerSpec asha, int maxEpochs, int warmup) =>
    [
        ("asha+promotion", () => SchedulerFactory.Create(asha with { Settings = With(asha.Settings, "promotion", true) }, Context(maxEpochs))),
        ("asha stop-only", () => SchedulerFactory.Create(asha with { Settings = With(asha.Settings, "promotion", false) }, Context(maxEpochs))),
        ("median", () => new PrunerScheduler(new MedianPruner(nStartupTrials: 5, nWarmupSteps: warmup))),
        ("none", () => new PrunerScheduler(new NopPruner())),
    ];

    public static string Format(Outcome o, long allEpochs, double allSeconds) => string.Create(CultureInfo.InvariantCulture,
        $"| {o.Scheduler} | {o.Seed} | {o.Epochs} ({100.0 * o.Epochs / allEpochs:F0}%) | {o.CoreSeconds:F1} ({100.0 * o.CoreSeconds / allSeconds:F0}%) | {o.Best:G4} | {o.Rank} | {o.Promotions} |");

    private static SchedulerContext Context(int maxEpochs) => new(new Search.Spaces.SearchSpace([]), maxEpochs, 0);

    private static Dictionary<string, object?> With(IReadOnlyDictionary<string, object?> settings, string key, object value) =>
        new(settings, StringComparer.Ordinal) { [key] = value };
}
