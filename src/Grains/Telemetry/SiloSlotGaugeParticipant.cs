using HyperSweep.Grains.Slots;

namespace HyperSweep.Grains.Telemetry;

/// <summary>Publishes this silo's <see cref="TrainingSlots"/> to the per-silo gauges while the silo is active.</summary>
public sealed class SiloSlotGaugeParticipant(TrainingSlots slots, ILocalSiloDetails silo) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloSlotGaugeParticipant), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        HyperSweepMetrics.EnsureCreated();
        SiloSlotGauges.Register(silo.SiloAddress.ToParsableString(), slots);
        return Task.CompletedTask;
    }

    private Task OnStop(CancellationToken cancellationToken)
    {
        SiloSlotGauges.Unregister(silo.SiloAddress.ToParsableString());
        return Task.CompletedTask;
    }
}
