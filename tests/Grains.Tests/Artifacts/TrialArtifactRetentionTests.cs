using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Search;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperSweep.Grains.Tests.Artifacts;

/// <summary>
/// What a trial stops referencing is deleted once its state is written, and not lost when a write fails: the retry of
/// the change finds the state already changed in memory and supersedes nothing new (a release retried after a Redis
/// timeout used to leave the best checkpoint on disk for good).
/// </summary>
public sealed class TrialArtifactRetentionTests
{
    [Fact]
    public void A_release_whose_first_write_failed_still_deletes_the_weights_after_the_retry()
    {
        using var folder = new TempFolder();
        var store = new FileArtifactStore(folder.Path);
        var state = new TrialGrainState { State = TrialState.Running };
        var retention = new TrialArtifactRetention(state, store, NullLogger.Instance);
        var checkpoint = new StoredCheckpoint(store.Write("sw-1", 0, ArtifactKinds.Checkpoint, [1, 2, 3]), new CheckpointPosition(1));
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
}
