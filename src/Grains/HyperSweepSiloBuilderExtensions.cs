using HyperSweep.Grains.Journal;
using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Placement;
using HyperSweep.Grains.Slots;
using HyperSweep.Grains.Telemetry;
using HyperSweep.Grains.Workloads;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Storage;

namespace HyperSweep.Grains;

/// <summary>Wiring of the sweep service into a silo.</summary>
public static class HyperSweepSiloBuilderExtensions
{
    /// <summary>
    /// Adds the training slots, the sweep wake-up task, the spec planner and the options. The caller chooses the
    /// <see cref="ITrialWorkload"/> (sweeps are checked against its schema unless an <see cref="ISweepSchemaSource"/>
    /// is registered first, as a data-root confinement is); grain storage is configured separately
    /// (<see cref="Storage.SqliteGrainStorageExtensions"/> in dev mode).
    /// </summary>
    public static ISiloBuilder AddHyperSweep(
        this ISiloBuilder builder,
        Action<TrainingSlotOptions>? slots = null,
        Action<SweepServiceOptions>? service = null)
    {
        var services = builder.Services;
        services.AddOptions<TrainingSlotOptions>().Configure(o => slots?.Invoke(o)).Validate(o => o.Slots >= 1, "TrainingSlots:Slots must be at least 1");
        services.AddOptions<SweepServiceOptions>().Configure(o => service?.Invoke(o));
        services.TryAddSingleton<TrainingSlots>();
        services.TryAddSingleton<Storage.StateStoreHealth>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloDrain>();
        services.TryAddSingleton<ISweepSchemaSource, WorkloadSchemaSource>();
        services.TryAddSingleton<SweepPlanner>();
        builder.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        // One store per coordinator activation, over the silo's default grain storage (SQLite, Redis or memory).
        services.TryAddTransient(sp => new SweepStore(
            sp.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME) ?? sp.GetRequiredService<IGrainStorage>(),
            sp.GetRequiredService<IOptions<SweepServiceOptions>>()));
        services.TryAddSingleton(sp => new Artifacts.SweepLeftoverCollector(
            sp.GetRequiredService<Artifacts.IArtifactStore>(),
            sp.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME) ?? sp.GetRequiredService<IGrainStorage>(),
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Artifacts.SweepLeftoverCollector>>()));
        services.AddSingleton<SweepWakeService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SweepWakeService>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloSlotGaugeParticipant>();
        return builder;
    }
}
