namespace HyperSweep.Grains.Workloads;

/// <summary>
/// A test hook of the synthetic workload (<see cref="SyntheticSchema.HangAt"/>): a training thread that stops making
/// progress and ignores cancellation, as a deadlocked data loader or a stuck native call does, for the hung-trial
/// watchdog to find. It ends only when its gate folder gets an <c>unhang</c> file (so a test can let it go) or the
/// process exits; without a gate folder it never ends.
/// </summary>
internal static class SyntheticHang
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(50);

    public static void Block(SyntheticEpochGate? gate)
    {
        while (gate?.Has("unhang") != true)
        {
            Thread.Sleep(Recheck);
        }
    }
}
