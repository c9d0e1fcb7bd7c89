namespace HyperSweep.Grains.Workloads;

/// <summary>
/// A test hook of the synthetic workload: a folder from which each epoch of each attempt must take a pass before it
/// runs, so tests of pauses, crashes and failover decide how far trials get instead of racing them (a test that
/// waits for "started but not yet finished" fails on a faster machine). A folder, because the trials may run in
/// child processes (the CLI, hypersweep-silo). Before epoch <c>e</c> an attempt waits until one of these exists:
/// <list type="bullet">
/// <item><c>open</c>: every epoch passes;</item>
/// <item><c>epoch-e</c>: every attempt may run epoch <c>e</c>;</item>
/// <item><c>epoch-e.*</c> or <c>any.*</c>: a token for one attempt, taken by renaming it to <c>taken-…</c> (a rename
/// succeeds for exactly one process).</item>
/// </list>
/// The wait ends early, with <see cref="OperationCanceledException"/>, when the attempt is cancelled.
/// </summary>
internal sealed class SyntheticEpochGate(string folder)
{
    /// <summary>How often a waiting attempt looks at the folder again.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(20);

    public void Pass(int epoch, CancellationToken cancellation)
    {
        while (!TryPass(epoch))
        {
            cancellation.WaitHandle.WaitOne(Recheck);
            cancellation.ThrowIfCancellationRequested();
        }
    }

    private bool TryPass(int epoch)
    {
        if (File.Exists(Path.Combine(folder, "open")) || File.Exists(Path.Combine(folder, $"epoch-{epoch}")))
        {
            return true;
        }

        foreach (var token in Directory.EnumerateFiles(folder, $"epoch-{epoch}.*").Concat(Directory.EnumerateFiles(folder, "any.*")))
        {
            try
            {
                File.Move(token, Path.Combine(folder, "taken-" + Path.GetFileName(token)));
                return true;
            }
            catch (FileNotFoundException)
            {
                // Another attempt took this token first.
            }
        }

        return false;
    }
}
