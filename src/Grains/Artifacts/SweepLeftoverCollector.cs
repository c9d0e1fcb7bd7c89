using HyperSweep.Contracts;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace HyperSweep.Grains.Artifacts;

/// <summary>
/// The last step of a sweep whose trials have all ended: nothing writes or references its files any more but its
/// kept models, so every other file of it goes before the sweep is reported finished. Each trial deletes what it stops
/// referencing as it goes, but some files escape that: a checkpoint written by an attempt whose commit never landed (its
/// silo was killed between the two, or its activation was a duplicate — the grain directory rebuilt after a silo died —
/// whose state write lost to the other's), and the weights of a trial whose release was lost with a coordinator crash.
/// What a trial references is read from its persisted state, not asked of its grain: a duplicate activation's copy in
/// memory can be older than what was written, and a file it does not know of may be the kept model.
/// </summary>
public sealed class SweepLeftoverCollector(IArtifactStore store, IGrainStorage storage, IGrainFactory grains, ILogger<SweepLeftoverCollector> logger)
{
    /// <summary>The state name of <see cref="TrialGrain"/>'s persistent state.</summary>
    public const string TrialStateName = "trial";

    /// <summary>
    /// Deletes the files of <paramref name="sweepId"/> that no persisted trial state references; the trials in
    /// <paramref name="released"/> (not kept) are first told again to let go of their weights if they still hold them.
    /// A trial whose state cannot be read keeps its files (<c>hypersweep gc</c> finds them later). Returns how many
    /// files were deleted.
    /// </summary>
    public async Task<int> CollectAsync(string sweepId, IReadOnlySet<int> released, TimeSpan callTimeout)
    {
        var deleted = 0;
        foreach (var files in store.Files(sweepId).Where(f => f.Owner is not null).GroupBy(f => f.Owner!.Value.Trial))
        {
            var trial = files.Key;
            try
            {
                var referenced = await ReferencedAsync(sweepId, trial);
                if (referenced.Count > 0 && released.Contains(trial))
                {
                    // Released by the coordinator, but the trial never heard it: it drops its references itself first.
                    await grains.GetGrain<ITrialGrain>(TrialKey.Format(sweepId, trial)).ReleaseArtifacts().WaitAsync(callTimeout);
                    referenced = await ReferencedAsync(sweepId, trial);
                }

                foreach (var file in files.Where(f => !referenced.Contains(f.Path)))
                {
                    store.DeleteFile(file.Path);
                    deleted++;
                }
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                logger.LogWarning("Left the files of trial {Trial} of {Sweep} for hypersweep gc: {Error}", trial, sweepId, exception.Message);
            }
        }

        if (deleted > 0)
        {
            logger.LogInformation("Sweep {Sweep} ended: deleted {Count} artifact file(s) none of its trials references", sweepId, deleted);
        }

        return deleted;
    }

    private async Task<HashSet<string>> ReferencedAsync(string sweepId, int trial)
    {
        var persisted = new GrainState<TrialGrainState> { State = new TrialGrainState() };
        var grainId = grains.GetGrain<ITrialGrain>(TrialKey.Format(sweepId, trial)).GetGrainId();
        await storage.ReadStateAsync(TrialStateName, grainId, persisted);
        return persisted.State.Artifacts().All().Select(a => a.Path).ToHashSet(StringComparer.Ordinal);
    }
}
