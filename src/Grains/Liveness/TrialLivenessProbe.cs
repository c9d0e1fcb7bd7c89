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
