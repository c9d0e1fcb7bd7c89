using HyperSweep.Contracts;
using HyperSweep.Engine.Schema;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>
/// Schedulers with real training through Orleans: a trial paused at a rung and promoted later trains exactly as if it
/// had never paused, and a PBT member that exploits another continues from that member's weights and optimizer state
/// with its new learning rate — both checked against direct runs of the Engine, bit for bit.
/// </summary>
public sealed class SchedulerEngineTests
{
    private const string Task = """
        task:
          kind: classification
          data:
            source: agreement
            size: 120
            dev_size: 40
            seed: 3
        model:
          arch: rnn
          cell: gru
          embedding_dim: 8
          hidden_size: 8
          batch_size: 16
        objective:
          metric: val_loss
          direction: minimize
        """;

    // lr 0.03 learns faster than 0.0001, so trial 0 is ahead at the rung (epoch 2): it pauses alone there, trial 1 pauses
    // behind it, trial 0 is promoted and resumes from its epoch-2 checkpoint to epoch 4; trial 1 is never promoted.
    private const string Asha = "name: asha-engine\n" + Task + "\n" + """
        strategy: {method: grid, seed: 5}
        parameters:
          lr: {values: [0.03, 0.0001]}
        budget: {max_epochs: 4}
        scheduler: {name: asha, min_resource: 2, reduction_factor: 2}
        concurrency: 1
        """;

    private const string Pbt = "name: pbt-engine\n" + Task + "\n" + """
        strategy: {method: random, seed: 5}
        parameters:
          lr: {min: 0.0001, max: 0.05, distribution: log_uniform}
        budget: {max_epochs: 2}
        scheduler: {name: pbt, population: 2, interval: 1, quantile: 0.5, resample_probability: 0.0, perturb: {lr: [0.5, 2.0]}}
        concurrency: 2
        """;

    [Fact]
    public async Task A_trial_paused_at_a_rung_and_promoted_trains_bit_for_bit_as_an_uninterrupted_run()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 1, workload: _ => new EngineTrialWorkload());
        var id = await cluster.SubmitAsync(Asha);
        await cluster.WaitFinishedAsync(id, TimeSpan.FromMinutes(3));

        var promoted = (await cluster.Sweep(id).GetTrial(0))!;
        Assert.Equal(TrialState.Completed, promoted.Summary.State);
        Assert.Equal((1, 0), (promoted.Summary.Promotions, promoted.Summary.Rung));
        Assert.Equal([0, 2], promoted.Attempts.Select(a => a.ResumedFromEpoch)); // the second attempt resumed from the rung's checkpoint
        var uninterrupted = await Direct(Asha, lr: 0.03, epochs: 4);
        Assert.Equal(Metrics(uninterrupted.Epochs), promoted.Epochs.Select(e => e.Values.ToDictionary()).ToList(), new MetricsComparer());

        var stranded = (await cluster.Sweep(id).GetTrial(1))!;
        Assert.Equal(TrialState.Pruned, stranded.Summary.State);
        Assert.StartsWith("not promoted from rung 0", stranded.Summary.Reason);
        Assert.Equal(2, stranded.Epochs.Count);
    }

    [Fact]
    public async Task A_PBT_member_that_exploits_another_continues_from_its_weights_and_optimizer_state_with_the_new_learning_rate()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2, workload: _ => new EngineTrialWorkload());
        var id = await cluster.SubmitAsync(Pbt);
        var status = await cluster.WaitFinishedAsync(id, TimeSpan.FromMinutes(3));
        Assert.Equal((SweepState.Completed, 2), (status.State, status.Completed));
        Assert.Equal(("PBT", 1), (status.Scheduler!.Name, status.Scheduler.Exploitations));

        var details = new[] { (await cluster.Sweep(id).GetTrial(0))!, (await cluster.Sweep(id).GetTrial(1))! };
        var exploiter = Assert.Single(details, d => d.Summary.Lineage is { Count: 1 });
        var donor = details.Single(d => d != exploiter);
        var lineage = exploiter.Summary.Lineage!.Single();
        Assert.Equal((1, donor.Summary.Number, true), (lineage.Epoch, lineage.Donor, lineage.Adopted));
        var donorLr = (double)donor.Summary.Parameters["lr"];
        var before = (double)lineage.Before["lr"];
        var after = (double)lineage.After["lr"];
        Assert.Equal(after, (double)exploiter.Summary.Parameters["lr"]);
        Assert.Contains(after, new[] { Math.Max(donorLr * 0.5, 0.0001), Math.Min(donorLr * 2.0, 0.05) });

        // Epoch 1: each member on its own; epoch 2 of the exploiter: from the donor's epoch-1 checkpoint, with its new lr.
        var ownFirst = await Direct(Pbt, before, epochs: 1);
        Assert.Equal(Metrics(ownFirst.Epochs), exploiter.Epochs.Take(1).Select(e => e.Values.ToDictionary()).ToList(), new MetricsComparer());
        var donorCheckpoint = await CheckpointAfterOneEpoch(Pbt, donorLr);
        var adopted = await Direct(Pbt, after, epochs: 2, resumeFrom: donorCheckpoint, adopt: true);
        Assert.Equal(Metrics(adopted.Epochs.Skip(1)), exploiter.Epochs.Skip(1).Select(e => e.Values.ToDictionary()).ToList(), new MetricsComparer());
        Assert.Equal(after, adopted.Epochs[1].LearningRate, 6); // the reference epoch ran with the new rate
        // The donor paused at the boundary too, and trained on as if it never had.
        var donorRun = await Direct(Pbt, donorLr, epochs: 2);
        Assert.Equal(Metrics(donorRun.Epochs), donor.Epochs.Select(e => e.Values.ToDictionary()).ToList(), new MetricsComparer());
    }

    private static TrialRequest Request(string spec, double lr, int epochs, byte[]? resumeFrom = null, bool adopt = false)
    {
        var parsed = SweepSpecParser.Parse(spec, "spec.yaml", EngineSchema.Instance);
        var parameters = new Dictionary<string, object?>(parsed.Model.ToDictionary(p => p.Key, p => (object?)p.Value)) { ["lr"] = lr };
        return new TrialRequest(TaskDefinition.Parse(parsed.Task.Section), parameters, (int)parsed.Strategy.Seed, epochs, parsed.Objective,
            ResumeFrom: resumeFrom, AdoptCheckpoint: adopt);
    }

    private static Task<TrainingResult> Direct(string spec, double lr, int epochs, byte[]? resumeFrom = null, bool adopt = false) =>
        TrialRunner.RunAsync(Request(spec, lr, epochs, resumeFrom, adopt));

    private static async Task<byte[]> CheckpointAfterOneEpoch(string spec, double lr)
    {
        var setup = TrialRunner.Prepare(Request(spec, lr, epochs: 1));
        await setup.Trainer.RunAsync();
        return setup.Trainer.CheckpointBytes();
    }

    private static List<Dictionary<string, double>> Metrics(IEnumerable<Engine.Training.EpochMetrics> epochs) =>
        [.. epochs.Select(e => e.ToDictionary().ToDictionary(p => p.Key, p => p.Value))];

    /// <summary>Epoch metrics equal bit for bit, metric by metric.</summary>
    private sealed class MetricsComparer : IEqualityComparer<Dictionary<string, double>>
    {
        public bool Equals(Dictionary<string, double>? x, Dictionary<string, double>? y) =>
            x is not null && y is not null && x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && BitConverter.DoubleToInt64Bits(v) == BitConverter.DoubleToInt64Bits(p.Value));

        public int GetHashCode(Dictionary<string, double> obj) => obj.Count;
    }
}
