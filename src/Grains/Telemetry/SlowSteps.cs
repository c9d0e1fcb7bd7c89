using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Grains.Telemetry;

/// <summary>
/// A timing log for the coordinator's steps that wait on others (a journal write, a round of trial starts, the liveness
/// probe): a step slower than <see cref="Threshold"/> is logged with what it was waiting on. The non-reentrant
/// coordinator holds every report of its sweep while it waits, so a slow step is a stall of the whole sweep; this is how
/// the ~27-s stalls under load were traced (bench/README-cluster.md).
/// </summary>
internal static class SlowSteps
{
    public static readonly TimeSpan Threshold = TimeSpan.FromSeconds(1);

    public static async Task Time(ILogger logger, string sweepId, string step, Func<Task> work, Func<string>? detail = null)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await work();
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed >= Threshold)
            {
                logger.LogWarning("Sweep {Sweep}: {Step} took {Seconds:0.0} s{Detail}", sweepId, step, elapsed.TotalSeconds, detail is null ? "" : " (" + detail() + ")");
            }
        }
    }
}
