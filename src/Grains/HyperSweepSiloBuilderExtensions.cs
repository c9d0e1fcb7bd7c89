using HyperSweep.Grains.Journal;
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
    /// Adds the training slots, the sweep wake-up task and the options. The caller (or a later call) chooses
    /// the <see cref="Planning.ISweepPlanFactory"/> and <see cref="ITrialWorkload"/>; grain storage is
    /// configured separately (<see cref="Storage.SqliteGrainStorageExtensions"/> in dev mode).
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
        builder.AddPlacementDirector<SiloPinnedPlacement, SiloPinnedPlacementDirector>();
        // One store per coordinator activation, over the silo's default grain storage (SQLite, Redis or memory).
        services.TryAddTransient(sp => new SweepStore(
            sp.GetKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME) ?? sp.GetRequiredService<IGrainStorage>(),
            sp.GetRequiredService<IOptions<SweepServiceOptions>>()));
        services.AddSingleton<SweepWakeService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SweepWakeService>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SiloSlotGaugeParticipant>();
        return builder;
    }
}
