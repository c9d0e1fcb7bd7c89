namespace HyperSweep.Client;

/// <summary>The CLI's exit codes (docs/CLI.md).</summary>
public static class ExitCodes
{
    /// <summary>A damaged state file is bad input the user repairs (2); a full disk or a store that lost its data is the environment failing (3).</summary>
    public static int ForStoreFault(HyperSweep.Grains.Storage.StateStoreFault fault) =>
        fault.Kind == HyperSweep.Grains.Storage.StateStoreFaultKind.Corrupt ? BadInput : ClusterUnreachable;

    public const int Success = 0;
    public const int SweepFailed = 1;
    public const int BadInput = 2;
    /// <summary>The cluster is unreachable, a dev silo could not start, or the state store failed (full disk, lost data).</summary>
    public const int ClusterUnreachable = 3;
    /// <summary>Interrupted by Ctrl-C: the sweep was paused and can be continued with --resume.</summary>
    public const int Interrupted = 130;
}
