using HyperSweep.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HyperSweep.Grains.Slots;

/// <summary>
/// What a silo does first when it stops (SIGTERM from an operator, <c>scancel</c>, a batch system's preemption or time
/// limit): before Orleans deactivates anything, the training slots drain — no new trials, every running trial
/// checkpoints at its next batch boundary and hands itself back to its sweep, which starts it on another silo from
/// that batch — within <see cref="TrainingSlotOptions.PreemptionGrace"/>; only then does the silo leave the cluster.
/// Subscribed at the last lifecycle stage, whose stop runs first, while grain calls still work. When the state store
/// has failed nothing can be checkpointed, so the runs are cancelled at once.
/// </summary>
internal sealed class SiloDrain(TrainingSlots slots, StateStoreHealth health, IOptions<TrainingSlotOptions> options, ILogger<SiloDrain> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloDrain), ServiceLifecycleStage.Last, _ => Task.CompletedTask, StopAsync);

    private async Task StopAsync(CancellationToken cancellation)
    {
        var running = slots.InUse;
        var checkpoint = health.Fault is null;
        if (running > 0)
        {
            logger.LogWarning("Leaving the cluster: {Running} running trials {Action} (grace {Grace})", running,
                checkpoint ? "checkpoint at their next batch boundary and go back to their sweeps" : "are stopped (the state store failed)", options.Value.PreemptionGrace);
        }

        var late = await slots.DrainAsync(options.Value.PreemptionGrace, checkpoint, cancellation);
        if (late > 0)
        {
            logger.LogWarning("{Late} trials did not checkpoint within {Grace}; they resume from their last checkpoint", late, options.Value.PreemptionGrace);
        }
    }
}
