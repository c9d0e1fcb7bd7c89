using HyperSweep.Contracts;
using HyperSweep.Search;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Pruning through the coordinator: trials stop exactly at the epoch the Search pruner chooses.</summary>
public sealed class PruningTests
{
    private static double Loss(double floor, int epoch) => floor + ((2.0 - floor) * Math.Exp(-0.5 * epoch));

    [Fact]
    public async Task Median_pruner_stops_each_trial_at_the_epoch_a_replay_of_the_same_curves_chooses()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 1);
        double[] floors = [0.3, 0.5, 0.9, 0.2, 1.0, 0.4, 0.6];
        const int maxEpochs = 5;
        var settings = new Dictionary<string, object> { ["n_startup_trials"] = 2L, ["n_warmup_steps"] = 1L };
        // Concurrency 1: trials run one after another, so the order of reports is known and can be replayed.
        var id = await cluster.SubmitAsync(TestSpec.Of(
            new() { ["synthetic_floor"] = floors.Cast<object>().ToArray() }, maxEpochs: maxEpochs, concurrency: 1, pruner: "median", prunerSettings: settings));
        await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        var replay = new SearchSession("replay", StudyDirection.Minimize, NopSampler.Instance, PrunerFactory.Create(
            new PrunerSpec("median", settings.ToDictionary(s => s.Key, s => (object?)s.Value))));
        var expectedPrunedAt = new int?[floors.Length];
        for (var trial = 0; trial < floors.Length; trial++)
        {
            for (var epoch = 1; epoch <= maxEpochs; epoch++)
            {
                if (replay.Report(trial, epoch, Loss(floors[trial], epoch)).ShouldPrune && epoch < maxEpochs)
                {
                    expectedPrunedAt[trial] = epoch;
                    break;
                }
            }

            replay.Finish(trial, expectedPrunedAt[trial] is null ? TrialState.Completed : TrialState.Pruned);
        }

        Assert.Contains(expectedPrunedAt, e => e is not null); // the scenario must actually prune something
        for (var trial = 0; trial < floors.Length; trial++)
        {
            var summary = trials[trial];
            var history = await cluster.Grains.GetGrain<ITrialGrain>(TrialKey.Format(id, trial)).GetHistory();
            if (expectedPrunedAt[trial] is { } at)
            {
                Assert.Equal(TrialState.Pruned, summary.State);
                Assert.Equal(at, summary.EpochsRun);
                Assert.StartsWith($"pruned at epoch {at}:", summary.Reason);
                Assert.Equal(at, history.Count); // the training itself stopped there
            }
            else
            {
                Assert.Equal(TrialState.Completed, summary.State);
                Assert.Equal(maxEpochs, summary.EpochsRun);
            }
        }
    }

    [Fact]
    public async Task Without_a_pruner_every_trial_completes()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.3, 1.5, 0.2, 1.9] }, maxEpochs: 4));
        var status = await cluster.WaitFinishedAsync(id);

        Assert.Equal(4, status.Completed);
        Assert.Equal(0, status.Pruned);
    }
}
