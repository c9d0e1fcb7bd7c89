using System.Collections.Concurrent;
using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Grains.Workloads;
using HyperSweep.Search;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Tests.Cluster;

/// <summary>The artifact store under a real sweep: what stays on disk, kept models, test scoring, corrupt checkpoints, gc.</summary>
public sealed class KeptModelTests
{
    private const string WithTestSplit = "task: {kind: classification, data: {source: agreement, test_size: 20}}\n";

    [Fact]
    public async Task Only_the_best_trials_keep_their_weights_and_only_they_are_scored_on_the_test_split_once()
    {
        var workload = new CountingWorkload();
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2, workload: _ => workload);
        var spec = TestSpec.Of(new() { ["synthetic_floor"] = [0.1, 0.4, 0.2, 0.3] }, maxEpochs: 3, fixedParameters: new() { ["synthetic_checkpoint_kb"] = 4 })
            + WithTestSplit + "keep: {best: 2}\n";
        var id = await cluster.SubmitAsync(spec);

        var status = await cluster.WaitFinishedAsync(id);

        Assert.Equal(SweepState.Completed, status.State);
        var trials = await cluster.Sweep(id).GetTrials();
        Assert.Equal([0, 2], trials.Where(t => t.Kept).Select(t => t.Number));
        Assert.Equal([0, 2], trials.Where(t => t.TestMetrics is not null).Select(t => t.Number));
        Assert.Equal([0, 2], workload.TestScored.Keys.Order());
        Assert.All(workload.TestScored.Values, count => Assert.Equal(1, count));
        Assert.True(trials[0].TestMetrics!["test_loss"] > 0);

        // On disk: the kept trials' best checkpoints (this workload packages no model file), nothing of the others.
        var files = cluster.ArtifactFiles();
        Assert.Equal([0, 2], files.Select(f => f.Owner!.Value.Trial).Order());
        Assert.All(files, f => Assert.Equal(8 + 4096, f.Length)); // the synthetic checkpoint: epochs and batches done, then the padding
        var kept = await cluster.Sweep(id).GetKeptModels();
        Assert.Equal([(0, 1), (2, 2)], kept.Select(k => (k.Trial, k.Rank)));
        Assert.Null(await cluster.Sweep(id).GetModel(1)); // released
    }

    [Fact]
    public async Task A_sweep_without_a_test_split_completes_without_test_metrics_and_keeps_one_by_default()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.3, 0.1, 0.2] }, maxEpochs: 2));

        await cluster.WaitFinishedAsync(id);

        var trials = await cluster.Sweep(id).GetTrials();
        Assert.Equal([1], trials.Where(t => t.Kept).Select(t => t.Number));
        Assert.All(trials, t => Assert.Null(t.TestMetrics));
        Assert.Equal(1, KeepSpec.DefaultBest);
        Assert.Equal("1", Assert.Single(cluster.ArtifactFiles()).Path.Split("/")[2]);
    }

    [Fact]
    public async Task A_sweep_that_ends_deletes_the_files_none_of_its_trials_references_before_it_reports_its_end()
    {
        using var gate = new EpochGate();
        gate.AllowThrough(1);
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 3, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.3, 0.1, 0.2] }, maxEpochs: 3, concurrency: 3, fixedParameters: new() { ["synthetic_checkpoint_kb"] = 1 }));
        await Poll.Until(async () => (await cluster.Sweep(id).GetTrials()).Count(t => t is { State: TrialState.Running, EpochsRun: 1 }) == 3,
            TimeSpan.FromSeconds(60), () => "the trials did not reach the gate after epoch 1");

        // What escapes the trials' own deletes: checkpoints whose commits never landed (an attempt killed between the
        // write and the commit, or a duplicate activation's lost write), in a released trial and in the kept one, and a
        // write that died before its rename.
        var store = new FileArtifactStore(cluster.ArtifactRoot);
        var orphans = new[] { store.Write(id, 0, ArtifactKinds.Checkpoint, [1, 2, 3]).Path, store.Write(id, 1, ArtifactKinds.Checkpoint, [4, 5, 6]).Path };
        var unfinished = Path.Combine(cluster.ArtifactRoot, "sweeps", id, "2", "0123.ckpt.tmp-dead");
        await File.WriteAllBytesAsync(unfinished, [7]);
        gate.Open();
        await cluster.WaitFinishedAsync(id);

        var left = Assert.Single(cluster.ArtifactFiles());
        Assert.Equal(1, left.Owner!.Value.Trial); // the kept model: trial 1's best checkpoint
        Assert.DoesNotContain(left.Path, orphans);
        Assert.Equal(left.Path, (await cluster.Grains.GetGrain<ITrialGrain>(TrialKey.Format(id, 1)).GetArtifacts()).Best!.Artifact.Path);
    }

    [Fact]
    public async Task A_corrupt_checkpoint_fails_the_resumed_attempt_instead_of_training_from_scratch()
    {
        using var gate = new EpochGate();
        gate.AllowThrough(2);
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 1, workload: _ => new SyntheticTrialWorkload(gate.Folder));
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.2] }, maxEpochs: 5, fixedParameters: new() { ["synthetic_checkpoint_kb"] = 1 }));
        await Poll.Until(async () => (await cluster.Sweep(id).GetTrials()).Single() is { State: TrialState.Running, EpochsRun: 2 }, TimeSpan.FromSeconds(30), () => "the trial did not reach epoch 2");
        await cluster.Sweep(id).Pause();
        await Poll.Until(() => Task.FromResult(cluster.Slots().Single().InUse == 0), TimeSpan.FromSeconds(30), () => "the paused trial still trains");

        // The paused trial keeps its checkpoint (it may resume); flip one byte of it.
        var checkpoint = Path.Combine(cluster.ArtifactRoot, cluster.ArtifactFiles().Single().Path);
        var bytes = await File.ReadAllBytesAsync(checkpoint);
        bytes[^1] ^= 0xFF;
        await File.WriteAllBytesAsync(checkpoint, bytes);
        gate.Open();
        await cluster.Sweep(id).Resume();
        await cluster.WaitFinishedAsync(id);

        var trial = (await cluster.Sweep(id).GetTrials()).Single();
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Contains("cannot resume from the checkpoint taken after epoch 2", trial.Reason);
        Assert.Contains("corrupt", trial.Reason);
        Assert.Equal(2, trial.EpochsRun);
    }

    [Fact]
    public async Task Gc_deletes_what_nothing_references_and_leaves_young_files_and_kept_weights()
    {
        await using var cluster = await SweepCluster.StartAsync(silos: 1, slotsPerSilo: 2);
        var id = await cluster.SubmitAsync(TestSpec.Of(new() { ["synthetic_floor"] = [0.2, 0.1] }, maxEpochs: 2));
        await cluster.WaitFinishedAsync(id);
        var kept = cluster.ArtifactFiles().Single();
        var old = DateTime.UtcNow.AddDays(-1);
        string Orphan(string relative)
        {
            var path = Path.Combine(cluster.ArtifactRoot, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "x");
            File.SetLastWriteTimeUtc(path, old);
            return relative;
        }

        string[] garbage =
        [
            Orphan($"sweeps/{id}/0/00aa.ckpt"),                 // released trial: its grain references nothing
            Orphan($"sweeps/{id}/1/00bb.ckpt.tmp-1234"),        // a write that died before its rename
            Orphan("sweeps/sw-gone/3/00cc.hsm"),                 // a sweep the registry does not know
        ];
        var young = Path.Combine(cluster.ArtifactRoot, $"sweeps/{id}/0/00dd.ckpt");
        await File.WriteAllTextAsync(young, "x");
        var collector = cluster.Grains.GetGrain<IArtifactCollectorGrain>(0);

        var dryRun = await collector.Collect(new GarbageRequest(DryRun: true, TimeSpan.FromHours(1)));
        Assert.Equal(garbage.Order(), dryRun.Unreferenced.Order());
        Assert.Equal(5, cluster.ArtifactFiles().Count);

        var report = await collector.Collect(new GarbageRequest(DryRun: false, TimeSpan.FromHours(1)));

        Assert.Equal(garbage.Order(), report.Unreferenced.Order());
        Assert.Equal(new[] { kept.Path, $"sweeps/{id}/0/00dd.ckpt" }.Order(), cluster.ArtifactFiles().Select(f => f.Path).Order());
    }

    /// <summary>The synthetic workload, counting test scorings per trial (by its floor parameter's rank in the spec).</summary>
    private sealed class CountingWorkload : ITrialWorkload
    {
        private static readonly double[] Floors = [0.1, 0.4, 0.2, 0.3];
        private readonly SyntheticTrialWorkload _inner = new();

        public ConcurrentDictionary<int, int> TestScored { get; } = new();

        public Search.Spec.ISweepSchema Schema => _inner.Schema;

        public TrialWorkloadResult Run(TrialWorkloadRequest request, Func<TrialEpochResult, bool> onEpoch, CancellationToken cancellation) =>
            _inner.Run(request, onEpoch, cancellation);

        public IReadOnlyDictionary<string, double>? ScoreTest(TrialWorkloadRequest request, byte[] kept)
        {
            var trial = Array.IndexOf(Floors, Convert.ToDouble(request.Parameters["synthetic_floor"], System.Globalization.CultureInfo.InvariantCulture));
            TestScored.AddOrUpdate(trial, 1, (_, n) => n + 1);
            return _inner.ScoreTest(request, kept);
        }
    }
}
