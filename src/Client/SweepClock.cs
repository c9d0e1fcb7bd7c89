using HyperSweep.Contracts;

namespace HyperSweep.Client;

/// <summary>
/// Elapsed time and an estimate of the time left for the progress views. The estimate uses the pace of trials that
/// finished while this view watched (a resumed or long-paused sweep's history would mislead), else the sweep's whole
/// history; with nothing finished yet there is none.
/// </summary>
public sealed class SweepClock(TimeProvider time)
{
    private DateTimeOffset? _watchStart;
    private int _finishedAtStart;

    public SweepClock()
        : this(TimeProvider.System)
    {
    }

    /// <summary>"elapsed 3m05s, about 2m10s left" (or "elapsed 3m05s" while no estimate exists).</summary>
    public string Describe(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var now = time.GetUtcNow();
        if (_watchStart is null)
        {
            _watchStart = now;
            _finishedAtStart = status.Finished;
        }

        var elapsed = (status.FinishedAt ?? now) - status.CreatedAt;
        var text = $"elapsed {Formatting.Duration(elapsed)}";
        return status.IsFinal || Left(status, now, elapsed) is not { } left ? text : $"{text}, about {Formatting.Duration(left)} left";
    }

    private TimeSpan? Left(SweepStatus status, DateTimeOffset now, TimeSpan elapsed)
    {
        var remaining = status.PlannedTrials - status.Finished;
        var seen = status.Finished - _finishedAtStart;
        if (remaining <= 0)
        {
            return null;
        }

        if (seen > 0)
        {
            return (now - _watchStart!.Value) / seen * remaining;
        }

        return status.Finished > 0 ? elapsed / status.Finished * remaining : null;
    }
}
