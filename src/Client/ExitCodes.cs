using HyperSweep.Contracts;

namespace HyperSweep.Client;

/// <summary>The CLI's exit codes (docs/CLI.md, "Exit codes").</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The sweep failed (every trial failed) or was cancelled; a trial diverged (train); an unexpected error.</summary>
    public const int SweepFailed = 1;

    /// <summary>Bad usage or input: a typo, a bad spec, an unknown sweep or trial, a file that cannot be written.</summary>
    public const int BadInput = 2;

    /// <summary>The cluster is unreachable, a dev silo could not start, or the state store failed (full disk, lost data).</summary>
    public const int ClusterUnreachable = 3;

    /// <summary>The sweep completed, but some of its trials failed (their reasons are in the summary and in --json).</summary>
    public const int CompletedWithFailures = 4;

    /// <summary>Nothing to do: pause, resume or cancel of a sweep that already ended (completed, cancelled or failed).</summary>
    public const int AlreadyFinished = 5;

    /// <summary>Interrupted by Ctrl-C (the sweep was paused and can be continued with --resume), or run's sweep was paused by another command.</summary>
    public const int Interrupted = 130;

    /// <summary>The code of a sweep that ended (run, watch, run --resume of an ended sweep).</summary>
    public static int ForEnded(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.State switch
        {
            SweepState.Completed when status.Failed > 0 => CompletedWithFailures,
            SweepState.Completed => Success,
            _ => SweepFailed,
        };
    }

    /// <summary>A damaged state file is bad input the user repairs (2); a full disk or a store that lost its data is the environment failing (3).</summary>
    public static int ForStoreFault(HyperSweep.Grains.Storage.StateStoreFault fault) =>
        fault.Kind == HyperSweep.Grains.Storage.StateStoreFaultKind.Corrupt ? BadInput : ClusterUnreachable;
}
