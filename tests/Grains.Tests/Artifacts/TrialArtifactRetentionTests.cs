using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperSweep.Grains.Tests.Artifacts;

/// <summary>
/// What a trial stops referencing is deleted once its state is written (<see cref="TrialArtifactRetention.DeleteSuperseded"/>),
/// and not lost when a write fails: the retry of the change finds the state already changed in memory and supersedes
/// nothing new (a release retried after a Redis timeout used to leave the best checkpoint on disk for good). The
/// schedulers' side: a PBT adoption swaps the latest checkpoint for the trial's own copy of the donor's (its best one
/// stays), and a paused trial the sweep released (stranded, ended by the coordinator while its grain still says paused)
/// lets go of every file.
/// </summary>
public sealed class TrialArtifactRetentionTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public void A_release_whose_first_write_failed_still_deletes_the_weights_after_the_retry()
    {
        var store = new FileArtifactStore(_root.Path);
        var state = new TrialGrainState { State = TrialState.Running };
        var retention = new TrialArtifactRetention(state, store, NullLogger.Instance);
        var checkpoint = Checkpoint(store, 0, 1, [1, 2, 3]);
        retention.Advance(new EpochMetrics(1, ImmutableSortedDictionary<string, double>.Empty.Add("val_loss", 0.5)), checkpoint, new Objective("val_loss", StudyDirection.Minimize));
        retention.DeleteSuperseded();
        state.State = TrialState.Completed;
        retention.Ended();
        retention.DeleteSuperseded();
        Assert.Single(store.Files()); // the best checkpoint stays until the sweep decides

        retention.Release(); // ... and its state write fails: nothing is deleted yet
        retention.Release(); // the retry: the state in memory references nothing any more
        retention.DeleteSuperseded();

        Assert.Empty(store.Files());
    }

    [Fact]
    public void An_adoption_replaces_the_latest_checkpoint_with_the_copy_and_keeps_the_best_one()
    {
        var store = new FileArtifactStore(_root.Path);
        var best = Checkpoint(store, 7, 1, [1]);
        var latest = Checkpoint(store, 7, 2, [2]);
        var state = new TrialGrainState { State = TrialState.Paused, Latest = latest, Best = best, CheckpointEpoch = 2 };
        var copy = Checkpoint(store, 7, 2, [9]); // the donor's bytes, written under this trial
        var retention = new TrialArtifactRetention(state, store, NullLogger.Instance);

        retention.Adopt(copy);
        retention.DeleteSuperseded();

        Assert.Equal(copy, state.Latest);
        Assert.Equal(best, state.Best);
        Assert.Equal(2, state.CheckpointEpoch);
        Assert.Equal(Names(best, copy), Remaining(store));
    }

    [Fact]
    public void A_released_paused_trial_drops_its_latest_and_best_checkpoints()
    {
        var store = new FileArtifactStore(_root.Path);
        var best = Checkpoint(store, 3, 1, [1]);
        var latest = Checkpoint(store, 3, 2, [2]);
        var state = new TrialGrainState { State = TrialState.Paused, Latest = latest, Best = best, CheckpointEpoch = 2 };
        var retention = new TrialArtifactRetention(state, store, NullLogger.Instance);

        retention.Release();
        retention.DeleteSuperseded();

        Assert.Null(state.Latest);
        Assert.Null(state.Best);
        Assert.True(state.Released);
        Assert.Empty(store.Files());
    }

    [Fact]
    public void A_released_running_trial_keeps_its_files_until_it_ends()
    {
        var store = new FileArtifactStore(_root.Path);
        var latest = Checkpoint(store, 4, 2, [2]);
        var state = new TrialGrainState { State = TrialState.Running, Latest = latest, Best = latest, CheckpointEpoch = 2 };
        var retention = new TrialArtifactRetention(state, store, NullLogger.Instance);

        retention.Release();
        retention.DeleteSuperseded();

        Assert.Equal(latest, state.Latest);
        Assert.Single(store.Files());
    }

    private static StoredCheckpoint Checkpoint(FileArtifactStore store, int trial, int epoch, byte[] content) =>
        new(store.Write("sw-1", trial, ArtifactKinds.Checkpoint, content), new CheckpointPosition(epoch));

    private static string[] Names(params StoredCheckpoint[] checkpoints) =>
        [.. checkpoints.Select(c => Path.GetFileName(c.Artifact.Path)).Order(StringComparer.Ordinal)];

    private static string[] Remaining(FileArtifactStore store) =>
        [.. store.Files().Select(f => Path.GetFileName(f.Path)).Order(StringComparer.Ordinal)];

    public void Dispose() => _root.Dispose();
}
