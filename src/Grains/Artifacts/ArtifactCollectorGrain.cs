using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains.Artifacts;

/// <summary>
/// <c>hypersweep gc</c>: deletes artifacts nothing references — files of sweeps the registry does not know, files a
/// trial no longer points at (a crash between a trial's state write and its delete, a release that never arrived),
/// temporary files of writes that died. References are asked of the trial grains that own files, so the answer is
/// what the trials themselves persisted. Files younger than the request's minimum age are left alone: a trial writes
/// its checkpoint before it records it.
/// </summary>
public sealed class ArtifactCollectorGrain(IArtifactStore store, ILogger<ArtifactCollectorGrain> logger) : Grain, IArtifactCollectorGrain
{
    public async Task<GarbageReport> Collect(GarbageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cutoff = DateTime.UtcNow - request.MinimumAge;
        var sweeps = (await GrainFactory.GetGrain<ISweepRegistryGrain>(0).List()).Select(e => e.SweepId).ToHashSet(StringComparer.Ordinal);
        var files = store.Files().ToList();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (sweepId, trial) in files.Select(f => f.Owner).OfType<(string SweepId, int Trial)>().Distinct().Where(o => sweeps.Contains(o.SweepId)))
        {
            var artifacts = await GrainFactory.GetGrain<ITrialGrain>(TrialKey.Format(sweepId, trial)).GetArtifacts();
            referenced.UnionWith(artifacts.All().Select(a => a.Path));
        }

        var garbage = files
            .Where(f => f.LastWriteUtc < cutoff && (f.IsTemporary || f.Owner is not { } owner || !sweeps.Contains(owner.SweepId) || !referenced.Contains(f.Path)))
            .ToList();
        if (!request.DryRun)
        {
            foreach (var file in garbage)
            {
                try
                {
                    store.DeleteFile(file.Path);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning("gc could not delete {File}: {Error}", file.Path, exception.Message);
                }
            }
        }

        return new GarbageReport(store.Location, [.. garbage.Select(f => f.Path)], garbage.Sum(f => f.Length), files.Count - garbage.Count, request.DryRun);
    }
}
