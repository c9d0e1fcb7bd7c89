using HyperSweep.Search;
using HyperSweep.Contracts;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains.Liveness;

/// <summary>
/// Asks the trial grains of a sweep's running trials whether their attempts are still training. Silo membership
/// only tells a coordinator about silos that died; an attempt can also vanish on a silo that stays alive — the
/// runtime may deactivate a trial grain's activation (for example when a dead silo's grain directory partition is
/// rebuilt and a second activation of the grain appears), and deactivation interrupts the training thread without
/// an outcome. Without this check such a trial stays Running forever.
/// </summary>
public sealed class TrialLivenessProbe(IGrainFactory grains, string sweepId, TimeSpan callTimeout, ILogger logger)
{
    /// <summary>Probes the trials concurrently; a trial whose probe fails or times out is left out (asked again next time).</summary>
    public async Task<IReadOnlyList<(int Trial, TrialRunProbe Probe)>> ProbeAsync(IEnumerable<int> trials)
    {
        var probes = await Task.WhenAll(trials.Select(async number => (number, probe: await TryProbe(number))));
        return probes.Where(p => p.probe is not null).Select(p => (p.number, p.probe!)).ToList();
    }

    /// <summary>
    /// Probes the ledger's running trials and acts on the verdicts: an attempt that ended without its outcome reaching
    /// the coordinator is ended as it ended, one that vanished is re-queued as a new attempt.
    /// </summary>
    public async Task CheckAsync(Coordination.SweepLedger ledger)
    {
        // The coordinator's timer turn does not interleave, so no trial changes state while the probes are awaited.
        foreach (var (number, result) in await ProbeAsync(ledger.Table.Running.ToList()))
        {
            var record = ledger.Table[number];
            switch (Judge(record.Attempt, result))
            {
                case AttemptLiveness.EndedUnreported:
                    logger.LogInformation("Trial {Trial} of {Sweep} attempt {Attempt} ended as {State} without reporting it; recording the outcome", number, sweepId, record.Attempt, result.State);
                    ledger.End(number, result.State, result.Reason);
                    break;
                case AttemptLiveness.Lost:
                    logger.LogWarning("Trial {Trial} of {Sweep} attempt {Attempt} stopped training on live silo {Silo} without an outcome; resuming it as attempt {Next}", number, sweepId, record.Attempt, record.Silo, record.Attempt + 1);
                    ledger.Requeue(number);
                    break;
            }
        }
    }

    /// <summary>The verdict for one probe, given the attempt the coordinator believes is running.</summary>
    public static AttemptLiveness Judge(int runningAttempt, TrialRunProbe probe)
    {
        if (probe.Attempt > runningAttempt || probe.Training)
        {
            return AttemptLiveness.Alive;
        }

        var ended = probe.State is TrialState.Completed or TrialState.Pruned or TrialState.Failed or TrialState.Cancelled;
        return probe.Attempt == runningAttempt && ended ? AttemptLiveness.EndedUnreported : AttemptLiveness.Lost;
    }

    private async Task<TrialRunProbe?> TryProbe(int number)
    {
        try
        {
            // Bounded: a probe to a silo that is hanging must not hold the coordinator's turn for the 30-s call timeout.
            return await grains.GetGrain<ITrialGrain>(TrialKey.Format(sweepId, number)).Probe().WaitAsync(callTimeout);
        }
        catch (Exception exception)
        {
            logger.LogInformation("Probing trial {Trial} of {Sweep} failed ({Error}); asking again later", number, sweepId, exception.Message);
            return null;
        }
    }
}
