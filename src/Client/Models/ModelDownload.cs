using System.IO.Hashing;
using HyperSweep.Client.Commands;
using HyperSweep.Contracts.Artifacts;

namespace HyperSweep.Client.Models;

/// <summary>
/// Fetches an artifact's bytes through the cluster (<see cref="IArtifactGrain"/>, in chunks well under Orleans' message
/// limit), so a client that does not mount the silos' filesystem still gets them, and checks them against the reference.
/// </summary>
public static class ModelDownload
{
    private const int Chunk = 4 << 20;

    public static async Task<byte[]> ReadAsync(IGrainFactory grains, ArtifactRef artifact, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(artifact);
        var reader = grains.GetGrain<IArtifactGrain>(0);
        var bytes = new byte[artifact.Length];
        var offset = 0;
        while (offset < bytes.Length)
        {
            cancellation.ThrowIfCancellationRequested();
            var chunk = await reader.Read(artifact, offset, Math.Min(Chunk, bytes.Length - offset));
            if (chunk.Length == 0)
            {
                throw new CliInputException($"the stored model {artifact.Path} is shorter than its reference says ({offset} of {artifact.Length} bytes); it is corrupt");
            }

            chunk.CopyTo(bytes, offset);
            offset += chunk.Length;
        }

        var hash = Convert.ToHexStringLower(XxHash128.Hash(bytes));
        return hash == artifact.Hash
            ? bytes
            : throw new CliInputException($"the stored model {artifact.Path} is corrupt: its content hashes to {hash}, its reference says {artifact.Hash}");
    }
}
