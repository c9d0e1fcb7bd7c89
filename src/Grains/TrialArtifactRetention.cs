using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Search;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains;

/// <summary>
/// Which of a trial's artifacts it still references, as its state changes: the latest checkpoint while it may resume
/// (any state but a final one — a paused trial of a future scheduler included), the checkpoint of its best epoch until
/// its sweep releases it or its model file replaces it, the model file while the sweep keeps it. Each change returns
/// what it stopped referencing; the grain deletes those only after the new state is written.
/// </summary>
internal sealed class TrialArtifactRetention(TrialGrainState state, IArtifactStore store, ILogger logger)
{
    /// <summary>A state written before the artifact store kept the checkpoint's bytes itself: they move into the store.</summary>
    public void MoveLegacyCheckpoint(TrialAssignment assignment)
    {
        if (state.Checkpoint is { } bytes && state.Latest is null)
        {
            state.Latest = new StoredCheckpoint(
                store.Write(assignment.SweepId, assignment.Trial, ArtifactKinds.Checkpoint, bytes), new CheckpointPosition(state.CheckpointEpoch));
        }

        state.Checkpoint = null;
    }

    /// <summary>An epoch was committed with the checkpoint taken after it; it becomes the best one if its value does.</summary>
    public IReadOnlyList<ArtifactRef> Advance(EpochMetrics metrics, StoredCheckpoint? checkpoint, Objective? objective)
    {
        var before = state.Artifacts().All().ToList();
        if (checkpoint is not null)
        {
            state.Latest = checkpoint;
            state.CheckpointEpoch = checkpoint.Position.Epoch;
        }

        if (objective is not null && metrics.Values.TryGetValue(objective.Metric, out var value) && objective.BecomesBest(value, state.BestValue))
        {
            state.BestValue = value;
            state.Best = checkpoint;
        }

        return NoLongerReferenced(before);
    }

    /// <summary>
    /// A mid-epoch checkpoint: it becomes the one to resume from (the best epoch's stays). Null when it is not past the
    /// latest one (a repeated commit, or an older one arriving late): nothing changes.
    /// </summary>
    public IReadOnlyList<ArtifactRef>? Progress(StoredCheckpoint checkpoint)
    {
        if (state.Latest is { Position: var latest } && (checkpoint.Position.Epoch, checkpoint.Position.Batch).CompareTo((latest.Epoch, latest.Batch)) <= 0)
        {
            return null;
        }

        var before = state.Artifacts().All().ToList();
        state.Latest = checkpoint;
        state.CheckpointEpoch = checkpoint.Position.Epoch;
        return NoLongerReferenced(before);
    }

    /// <summary>The trial ended: it will never resume, so only the best checkpoint (unless released) stays.</summary>
    public IReadOnlyList<ArtifactRef> Ended()
    {
        var before = state.Artifacts().All().ToList();
        state.Latest = null;
        state.CheckpointEpoch = 0;
        if (state.Released)
        {
            (state.Best, state.Model) = (null, null);
        }

        return NoLongerReferenced(before);
    }

    /// <summary>The sweep keeps no model of this trial: drop everything now if it has ended, else when it ends.</summary>
    public IReadOnlyList<ArtifactRef> Release()
    {
        state.Released = true;
        return state.IsFinal ? Ended() : [];
    }

    public void Delete(IReadOnlyList<ArtifactRef> artifacts)
    {
        foreach (var artifact in artifacts)
        {
            try
            {
                store.Delete(artifact);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArtifactException)
            {
                // Left for hypersweep gc: nothing references it any more.
                logger.LogWarning("Could not delete artifact {Artifact}: {Error}", artifact.Path, exception.Message);
            }
        }
    }

    private List<ArtifactRef> NoLongerReferenced(List<ArtifactRef> before)
    {
        var now = state.Artifacts().All().Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
        return [.. before.Where(a => !now.Contains(a.Path)).DistinctBy(a => a.Path)];
    }
}
