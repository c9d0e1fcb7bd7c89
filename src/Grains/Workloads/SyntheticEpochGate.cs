namespace HyperSweep.Grains.Workloads;

/// <summary>
/// A test hook of the synthetic workload: a folder from which each epoch of each attempt must take a pass before it
/// runs, so tests of pauses, crashes, preemptions and failover decide how far trials get instead of racing them (a test
/// that waits for "started but not yet finished" fails on a faster machine). A folder, because the trials may run in
/// child processes (the CLI, hypersweep-silo). Before batch 1 of epoch <c>e</c> an attempt waits until one of these exists:
/// <list type="bullet">
/// <item><c>open</c>: every epoch passes;</item>
/// <item><c>epoch-e</c>: every attempt may run epoch <c>e</c>;</item>
/// <item><c>batch-e-b</c>: every attempt may run batches 1 to <c>b</c> of epoch <c>e</c> (and waits before batch <c>b+1</c>);</item>
/// <item><c>epoch-e.*</c> or <c>any.*</c>: a token for one attempt to run all of epoch <c>e</c>, taken by renaming it to
/// <c>taken-…</c> (a rename succeeds for exactly one process).</item>
/// </list>
/// Before a later batch <c>b</c> it waits unless the epoch was passed whole (<c>open</c>, <c>epoch-e</c>, a token) or a
/// <c>batch-e-B</c> with <c>B ≥ b</c> exists. The wait ends early, with <see cref="OperationCanceledException"/>, when the
/// attempt is cancelled, and with false when its host asks it to stop at this batch boundary (a preemption). An attempt
/// that has to wait says so once with a file <c>arrived-e-b.{unique}</c>, so a test knows its trials are held there.
/// </summary>
internal sealed class SyntheticEpochGate(string folder)
{
    /// <summary>How often a waiting attempt looks at the folder again.</summary>
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Waits before batch <paramref name="batch"/> of <paramref name="epoch"/>; <paramref name="epochWide"/> is the
    /// attempt's own record that it passed this epoch whole. False when <paramref name="stop"/> fired first.
    /// </summary>
    public bool Pass(int epoch, int batch, ref bool epochWide, CancellationToken cancellation, CancellationToken stop)
    {
        var arrived = false;
        while (!TryPass(epoch, batch, ref epochWide))
        {
            if (!arrived)
            {
                arrived = true;
                File.WriteAllText(Path.Combine(folder, $"arrived-{epoch}-{batch}.{Guid.NewGuid():N}"), "");
            }

            if (stop.IsCancellationRequested)
            {
                return false;
            }

            WaitHandle.WaitAny([cancellation.WaitHandle, stop.WaitHandle], Recheck);
            cancellation.ThrowIfCancellationRequested();
        }

        return true;
    }

    /// <summary>True once a file named <paramref name="name"/> exists in the folder (e.g. <c>unhang</c>, see <see cref="SyntheticHang"/>).</summary>
    public bool Has(string name) => File.Exists(Path.Combine(folder, name));

    private bool TryPass(int epoch, int batch, ref bool epochWide)
    {
        if (Has("open") || Has($"epoch-{epoch}") || (batch > 1 && epochWide) || BatchLimit(epoch) >= batch)
        {
            return true;
        }

        if (batch == 1 && TakeToken(epoch))
        {
            epochWide = true;
            return true;
        }

        return false;
    }

    private int BatchLimit(int epoch)
    {
        var limit = 0;
        var prefix = $"batch-{epoch}-";
        foreach (var file in Directory.EnumerateFiles(folder, prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(file).AsSpan(prefix.Length), out var batch))
            {
                limit = Math.Max(limit, batch);
            }
        }

        return limit;
    }

    private bool TakeToken(int epoch)
    {
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
