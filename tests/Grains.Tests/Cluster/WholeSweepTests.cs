using HyperSweep.Search;
using HyperSweep.Contracts;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Whole sweeps through the real grains on synthetic trials: every trial exactly once, leaderboard right.</summary>
public sealed class WholeSweepTests
{
    private static double FinalLoss(double floor, int epochs) => floor + ((2.0 - floor) * Math.Exp(-0.5 * epochs));

    [Fact]
    public async Task Grid_sweep_runs_every_grid_point_once_to_the_last_epoch_and_ranks_by_the_objective()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 3);
        var floors = new object[] { 0.6, 0.2, 0.9 };
        var tags = new object[] { "a", "b" };
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = floors, ["synthetic_tag"] = tags }, maxEpochs: 3, concurrency: 3));

        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(6, status.PlannedTrials);
        Assert.Equal(6, status.Completed);
        Assert.Equal(Enumerable.Range(0, 6), trials.Select(t => t.Number));
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.All(trials, t => Assert.Equal(3, t.EpochsRun));
        Assert.All(trials, t => Assert.Equal(1, t.Attempts));
        var points = trials.Select(t => $"{t.Parameters["synthetic_floor"]}/{t.Parameters["synthetic_tag"]}").ToList();
        Assert.Equal(6, points.Distinct().Count());
        Assert.All(trials, t => Assert.Equal(FinalLoss((double)t.Parameters["synthetic_floor"], 3), t.BestValue!.Value, 12));

        var leaderboard = await cluster.Sweep(id).GetLeaderboard(10);
        Assert.Equal([0.2, 0.2, 0.6, 0.6, 0.9, 0.9], leaderboard.Select(t => (double)t.Parameters["synthetic_floor"]));
        Assert.Equal(0.2, (double)status.Best!.Parameters["synthetic_floor"]);
        Assert.Equal(leaderboard[0].Number, status.Best.Number);
    }

    [Fact]
    public async Task Random_sweep_runs_the_budget_with_the_samplers_parameters_for_each_index()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2);
        var parameters = new Dictionary<string, object[]> { ["synthetic_floor"] = [0.1, 0.3, 0.5, 0.7], ["hidden_size"] = [8L, 16L, 32L] };
        var id = await cluster.SubmitAsync(TestSpec.Of(parameters, strategy: "random", trials: 7, seed: 42, maxEpochs: 2));

        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(7, trials.Count);
        var sampler = new RandomSampler(
            new SearchSpace(parameters.Select(p => new SearchParameter(p.Key, new CategoricalDomain(p.Value)))), 42);
        foreach (var trial in trials)
        {
            Assert.Equal(TrialState.Completed, trial.State);
            var expected = sampler.ParametersFor(trial.Number);
            Assert.Equal(expected["synthetic_floor"], trial.Parameters["synthetic_floor"]);
            Assert.Equal(expected["hidden_size"], trial.Parameters["hidden_size"]);
        }
    }

    [Fact]
    public async Task Trial_histories_match_the_sweeps_record_epoch_for_epoch()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.3, 0.4] }, maxEpochs: 4));
        await cluster.WaitFinishedAsync(id);

        for (var number = 0; number < 2; number++)
        {
            var detail = (await cluster.Sweep(id).GetTrial(number))!;
            var history = await cluster.Grains.GetGrain<ITrialGrain>(TrialKey.Format(id, number)).GetHistory();
            Assert.Equal([1, 2, 3, 4], detail.Epochs.Select(e => e.Epoch));
            Assert.Equal(detail.Epochs.Select(e => e.Values["val_loss"]), history.Select(e => e.Values["val_loss"]));
        }

        Assert.Null(await cluster.Sweep(id).GetTrial(2));
    }
}
