using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperSweep.Grains.Tests.Artifacts;

/// <summary>
/// The schedulers' side of retention: a PBT adoption swaps the latest checkpoint for the trial's own copy of the
/// donor's (its best one stays), and a paused trial the sweep released (stranded, ended by the coordinator while its
/// grain still says paused) lets go of every file.
/// </summary>
public sealed class TrialArtifactRetentionTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public void An_adoption_replaces_the_latest_checkpoint_with_the_copy_and_keeps_the_best_one()
    {
        var store = new FileArtifactStore(_root.Path);
        var best = Checkpoint(store, 7, 1, [1]);
        var latest = Checkpoint(store, 7, 2, [2]);
        var state = new TrialGrainState { State = TrialState.Paused, Latest = latest, Best = best, CheckpointEpoch = 2 };
        var copy = Checkpoint(store, 7, 2, [9]); // the donor's bytes, written under this trial

        var superseded = new TrialArtifactRetention(state, store, NullLogger.Instance).Adopt(copy);

        Assert.Equal(copy, state.Latest);
        Assert.Equal(best, state.Best);
        Assert.Equal(2, state.CheckpointEpoch);
        Assert.Equal([latest.Artifact], superseded);
    }

    [Fact]
    public void A_released_paused_trial_drops_its_latest_and_best_checkpoints()
    {
        var store = new FileArtifactStore(_root.Path);
        var best = Checkpoint(store, 3, 1, [1]);
        var latest = Checkpoint(store, 3, 2, [2]);
        var state = new TrialGrainState { State = TrialState.Paused, Latest = latest, Best = best, CheckpointEpoch = 2 };

        var superseded = new TrialArtifactRetention(state, store, NullLogger.Instance).Release();

        Assert.Equal([latest.Artifact, best.Artifact], superseded.OrderByDescending(a => a.Path == latest.Artifact.Path));
        Assert.Null(state.Latest);
        Assert.Null(state.Best);
        Assert.True(state.Released);
    }

    [Fact]
    public void A_released_running_trial_keeps_its_files_until_it_ends()
    {
        var store = new FileArtifactStore(_root.Path);
        var latest = Checkpoint(store, 4, 2, [2]);
        var state = new TrialGrainState { State = TrialState.Running, Latest = latest, Best = latest, CheckpointEpoch = 2 };

        Assert.Empty(new TrialArtifactRetention(state, store, NullLogger.Instance).Release());
        Assert.Equal(latest, state.Latest);
    }

    private static StoredCheckpoint Checkpoint(FileArtifactStore store, int trial, int epoch, byte[] content) =>
        new(store.Write("sw-1", trial, ArtifactKinds.Checkpoint, content), new CheckpointPosition(epoch));

    public void Dispose() => _root.Dispose();
}
