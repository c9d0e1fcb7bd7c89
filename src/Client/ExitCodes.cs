namespace HyperSweep.Client;

/// <summary>The CLI's exit codes (docs/CLI.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int SweepFailed = 1;
    public const int BadInput = 2;
    public const int ClusterUnreachable = 3;
    /// <summary>Interrupted by Ctrl-C: the sweep was paused and can be continued with --resume.</summary>
    public const int Interrupted = 130;
}
