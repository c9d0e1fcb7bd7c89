using HyperSweep.Contracts;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Engine.Schema;
using HyperSweep.Search;
using HyperSweep.Search.Spec;
using HyperSweep.Grains.Workloads;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>Real training through Orleans: YAML spec (Search's parser) → coordinator → trial grains → Engine's TrialRunner.</summary>
public sealed class EngineSweepTests
{
    private const string Spec = """
        name: tiny-agreement
        task:
          kind: classification
          data:
            source: agreement
            size: 120
            dev_size: 40
            seed: 3
        model:
          arch: dan
          embedding_dim: 8
          hidden_size: 8
          batch_size: 16
        objective:
          metric: val_accuracy
          direction: maximize
        strategy:
          method: grid
          seed: 5
        parameters:
          lr:
            values: [0.03, 0.003]
        budget:
          max_epochs: 2
        concurrency: 2
        """;

    [Fact]
    public async Task A_tiny_agreement_sweep_trains_real_models_and_matches_a_direct_run()
    {
        await using var cluster = await SweepCluster.StartAsync(
            silos: 1, slotsPerSilo: 2, workload: _ => new EngineTrialWorkload());
        var id = await cluster.SubmitAsync(Spec);
        var status = await cluster.WaitFinishedAsync(id);
        var trials = await cluster.Sweep(id).GetTrials();

        Assert.Equal(SweepState.Completed, status.State);
        Assert.Equal(2, trials.Count);
        Assert.All(trials, t => Assert.Equal(TrialState.Completed, t.State));
        Assert.Equal([0.03, 0.003], trials.Select(t => (double)t.Parameters["lr"]));

        // The same trial run directly by the engine (no Orleans) gives the same curve: the grain path passes the
        // task, parameters, seed and budget through unchanged.
        var spec = SweepSpecParser.Parse(Spec, "tiny.yaml", EngineSchema.Instance);
        var direct = await TrialRunner.RunAsync(new TrialRequest(
            TaskDefinition.Parse(new Dictionary<string, object?>
            {
                ["kind"] = "classification",
                ["data"] = new Dictionary<string, object?> { ["source"] = "agreement", ["size"] = 120L, ["dev_size"] = 40L, ["seed"] = 3L },
            }),
            spec.HyperParametersFor(spec.CreateSampler().Propose(new Study("direct", StudyDirection.Maximize), 0)).ToDictionary(p => p.Key, p => (object?)p.Value),
            (int)spec.Strategy.Seed,
            2,
            new Objective("val_accuracy", StudyDirection.Maximize)));
        var recorded = (await cluster.Sweep(id).GetTrial(0))!;
        Assert.Equal(direct.Epochs.Select(e => e.ValAccuracy!.Value), recorded.Epochs.Select(e => e.Values["val_accuracy"]));
        Assert.Equal(direct.Epochs.Select(e => e.TrainLoss), recorded.Epochs.Select(e => e.Values["train_loss"]));
    }

    [Fact]
    public async Task A_spec_that_fails_validation_is_rejected_with_its_location_and_creates_nothing()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 1);
        var id = SweepIds.New();
        var bad = Spec.Replace("metric: val_accuracy", "metric: val_acuracy", StringComparison.Ordinal);

        var result = await cluster.Sweep(id).Submit(new SweepSubmission(bad, "bad.yaml"));

        Assert.False(result.Accepted);
        var error = Assert.Single(result.Errors);
        Assert.Equal("bad.yaml", error.Source);
        Assert.Equal(bad.Split('\n').ToList().FindIndex(l => l.Contains("val_acuracy", StringComparison.Ordinal)) + 1, error.Line);
        Assert.Contains("val_acuracy", error.ToString());
        Assert.Null(await cluster.Sweep(id).GetStatus());
        Assert.Empty(await cluster.Grains.GetGrain<ISweepRegistryGrain>(0).List());
    }
}
