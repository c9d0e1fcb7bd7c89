using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Storage;

namespace HyperSweep.Grains.Storage;

/// <summary>Wiring for <see cref="SqliteGrainStorage"/>.</summary>
public static class SqliteGrainStorageExtensions
{
    /// <summary>Registers SQLite grain storage under <paramref name="name"/> (default: Orleans' default provider name).</summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder,
        string databasePath,
        string name = ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
    {
        builder.Services.TryAddSingleton<StateStoreHealth>();
        builder.Services.AddKeyedSingleton<IGrainStorage>(
            name,
            (services, _) => new SqliteGrainStorage(databasePath, services.GetRequiredService<Serializer>(), services.GetRequiredService<StateStoreHealth>()));
        if (name == ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)
        {
            // [PersistentState] without a storage name resolves the unkeyed IGrainStorage.
            builder.Services.TryAddSingleton(services => services.GetRequiredKeyedService<IGrainStorage>(name));
        }

        return builder;
    }
}
