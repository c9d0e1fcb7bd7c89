using HyperSweep.Contracts.Artifacts;
using Orleans.Concurrency;

namespace HyperSweep.Grains.Artifacts;

/// <summary>Serves the artifact store to clients in chunks (a stateless worker: any silo answers, all see the same store).</summary>
[StatelessWorker]
public sealed class ArtifactGrain(IArtifactStore store) : Grain, IArtifactGrain
{
    /// <summary>The largest chunk a client may ask for: well under Orleans' message size limit.</summary>
    public const int MaxChunk = 8 << 20;

    public Task<byte[]> Read(ArtifactRef artifact, long offset, int count)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        return Task.FromResult(store.ReadRange(artifact, offset, Math.Clamp(count, 0, MaxChunk)));
    }
}
