using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;
using HyperSweep.Search;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains;

/// <summary>
/// Which of a trial's artifacts it still references, as its state changes: the latest checkpoint while it may resume
/// (any state but a final one — a paused trial included), the checkpoint of its best epoch until
/// its sweep releases it or its model file replaces it, the model file while the sweep keeps it. What a change stops
/// referencing is deleted only after the new state is written (<see cref="DeleteSuperseded"/>).
/// </summary>
internal sealed class TrialArtifactRetention(TrialGrainState state, IArtifactStore store, ILogger logger)
{
    // What changes stopped referencing, until a state write has succeeded: a change whose write failed (a Redis timeout
    // on a loaded cluster) is not recomputed by its retry, which finds the state already changed in memory.
    private readonly List<ArtifactRef> _superseded = [];

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
    public void Advance(EpochMetrics metrics, StoredCheckpoint? checkpoint, Objective? objective)
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

        Supersede(before);
    }

    /// <summary>
    /// A mid-epoch checkpoint: it becomes the one to resume from (the best epoch's stays). False when it is not past the
    /// latest one (a repeated commit, or an older one arriving late): nothing changes.
    /// </summary>
    public bool Progress(StoredCheckpoint checkpoint)
    {
        if (state.Latest is { Position: var latest } && (checkpoint.Position.Epoch, checkpoint.Position.Batch).CompareTo((latest.Epoch, latest.Batch)) <= 0)
        {
            return false;
        }

        var before = state.Artifacts().All().ToList();
        state.Latest = checkpoint;
        state.CheckpointEpoch = checkpoint.Position.Epoch;
        Supersede(before);
        return true;
    }

    /// <summary>PBT's exploit: the latest checkpoint becomes this trial's copy of its donor's (its best one stays its own).</summary>
    public void Adopt(StoredCheckpoint copy)
    {
        var before = state.Artifacts().All().ToList();
        state.Latest = copy;
        state.CheckpointEpoch = copy.Position.Epoch;
        Supersede(before);
    }

    /// <summary>The trial ended: it will never resume, so only the best checkpoint (unless released) stays.</summary>
    public void Ended()
    {
        var before = state.Artifacts().All().ToList();
        state.Latest = null;
        state.CheckpointEpoch = 0;
        if (state.Released)
        {
            (state.Best, state.Model) = (null, null);
        }

        Supersede(before);
    }

    /// <summary>
    /// The sweep keeps no model of this trial: drop everything now if it has ended, else when it ends. A paused trial
    /// counts as ended here: the sweep releases only trials it has ended, so a paused one was stranded (it never resumes).
    /// </summary>
    public void Release()
    {
        state.Released = true;
        if (state.IsFinal || state.State == TrialState.Paused)
        {
            Ended();
        }
    }

    /// <summary>After a successful state write: deletes everything changes since the last one stopped referencing.</summary>
    public void DeleteSuperseded()
    {
        var referenced = state.Artifacts().All().Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
        var unreferenced = _superseded.Where(a => !referenced.Contains(a.Path)).DistinctBy(a => a.Path).ToList();
        _superseded.Clear();
        Delete(unreferenced);
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

    /// <summary>Remembers what of <paramref name="before"/> the state no longer references, for <see cref="DeleteSuperseded"/>.</summary>
    private void Supersede(List<ArtifactRef> before)
    {
        var now = state.Artifacts().All().Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
        _superseded.AddRange(before.Where(a => !now.Contains(a.Path)));
    }
}
