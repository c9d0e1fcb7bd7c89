using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HyperSweep.Grains.Artifacts;

/// <summary>Wiring of the artifact store into a silo.</summary>
public static class ArtifactStoreExtensions
{
    /// <summary>Checkpoints and kept models go to the directory <paramref name="root"/> (checked by <see cref="ArtifactRootCheck"/> first).</summary>
    public static ISiloBuilder AddFileArtifactStore(this ISiloBuilder builder, string root)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IArtifactStore>(new FileArtifactStore(root));
        return builder;
    }
}
