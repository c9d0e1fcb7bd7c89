using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Search.Replay;

/// <summary>
/// Runs samplers on a <see cref="TabularBenchmark"/>: for each seed, a fresh study of <c>budget</c> sequential trials
/// through <see cref="SearchSession.Propose"/>; each proposal is answered with the nearest recorded configuration's
/// value and the trial completes with it. Answers "would TPE have found my best configuration sooner than random?"
/// on a sweep already paid for, or on any public tabular benchmark.
/// </summary>
public static class SamplerReplay
{
    public static SamplerReplayResult Run(TabularBenchmark table, string samplerName, Func<long, ISampler> samplerForSeed,
        IReadOnlyList<long> seeds, int budget)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(samplerForSeed);
        ArgumentNullException.ThrowIfNull(seeds);
        if (budget < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "the budget must be at least one trial");
        }
        if (seeds.Count == 0)
        {
            throw new ArgumentException("at least one seed is needed", nameof(seeds));
        }
        var curves = new List<double[]>();
        var toBest = new List<int?>();
        foreach (var seed in seeds)
        {
            var session = new SearchSession($"replay-{samplerName}-{seed}", table.Direction, samplerForSeed(seed), new NopPruner());
            var curve = new double[budget];
            int? reached = null;
            for (var trial = 0; trial < budget; trial++)
            {
                var value = table.Nearest(session.Propose(trial)).Value;
                session.Finish(trial, TrialState.Completed, value);
                curve[trial] = trial == 0 || table.AtLeastAsGood(value, curve[trial - 1]) ? value : curve[trial - 1];
                if (reached is null && table.AtLeastAsGood(curve[trial], table.BestValue))
                {
                    reached = trial + 1;
                }
            }
            curves.Add(curve);
            toBest.Add(reached);
        }
        return new SamplerReplayResult(samplerName, budget, seeds, curves, toBest, table.BestValue);
    }
}
