using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains.Slots;

/// <summary>
/// Finds training threads that stopped making progress on a live silo (a deadlock, a stuck native call, a data
/// loader waiting on a dead file system): membership sees a healthy silo and the liveness probe a training thread, so
/// without this the trial stays Running for ever and holds its slot. A run silent for longer than the timeout (time
/// spent waiting on its own grain calls excepted) is abandoned: its slot is freed at once, its token cancelled (a thread
/// that is merely slow then ends; one that is truly stuck is left behind, and anything it does later is refused as
/// stale), and its trial is told, which retries it from its checkpoint or, past the retry limit, fails it.
/// </summary>
internal sealed class HungTrialWatchdog : IDisposable
{
    private readonly TrainingSlots _slots;
    private readonly TimeSpan _timeout;
    private readonly ILogger _logger;
    private readonly Timer _timer;

    public HungTrialWatchdog(TrainingSlots slots, TimeSpan timeout, ILogger logger)
    {
        _slots = slots;
        _timeout = timeout;
        _logger = logger;
        // Looks four times per timeout (at most every 5 s): a hung run is found within 1.25 timeouts.
        var period = TimeSpan.FromTicks(Math.Clamp(timeout.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));
        _timer = new Timer(_ => Check(), null, period, period);
    }

    public void Dispose() => _timer.Dispose();

    private void Check()
    {
        foreach (var run in _slots.Runs())
        {
            var silence = run.Silence;
            if (silence < _timeout || !run.TryAbandon())
            {
                continue;
            }

            var reason = $"no training progress for {Math.Round(silence.TotalSeconds)} s (hung; the limit is {_timeout.TotalSeconds:0} s)";
            _logger.LogWarning("Trial {Trial}: {Reason}; its thread is abandoned and its slot freed", run.Key, reason);
            try
            {
                run.OnHung?.Invoke(reason);
            }
            catch (Exception exception)
            {
                _logger.LogWarning(exception, "Trial {Trial}: telling it that its attempt hung failed", run.Key);
            }
        }
    }
}
