using HyperSweep.Grains.Liveness;
using HyperSweep.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains.Coordination;

/// <summary>
/// The coordinator monitor's look at its running trials: those whose silo left the membership are re-queued as new
/// attempts (they resume from their checkpoints), and every <see cref="SweepServiceOptions.ProbeInterval"/> the trial
/// grains are asked whether their attempts still train (<see cref="TrialLivenessProbe"/>: an attempt can also vanish on
/// a live silo). One per coordinator activation: it remembers when it probed last.
/// </summary>
internal sealed class RunningTrialsWatch(IGrainFactory grains, string sweepId, SweepServiceOptions options, ILogger logger)
{
    private DateTime _nextProbe;

    public async Task CheckAsync(SweepLedger ledger, IReadOnlyDictionary<string, SiloAddress> activeSilos)
    {
        foreach (var number in ledger.RequeueLost(activeSilos.Keys.ToHashSet(StringComparer.Ordinal)))
        {
            logger.LogInformation("Trial {Trial} of {Sweep} lost its silo; resuming it as attempt {Attempt}", number, sweepId, ledger.Table[number].Attempt);
        }

        if (ledger.Table.Running.Count > 0 && DateTime.UtcNow >= _nextProbe)
        {
            _nextProbe = DateTime.UtcNow + options.ProbeInterval;
            await SlowSteps.Time(logger, sweepId, "liveness probe", () => new TrialLivenessProbe(grains, sweepId, options.ProbeTimeout, logger).CheckAsync(ledger),
                () => $"{ledger.Table.Running.Count} running");
        }
    }
}
