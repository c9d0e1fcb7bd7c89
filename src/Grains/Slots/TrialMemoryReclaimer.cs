namespace HyperSweep.Grains.Slots;

/// <summary>
/// Gives a trial host's memory back while the next trial runs, instead of when the garbage collector gets round to it.
/// A trial's big buffers — each epoch's checkpoint once it is in the artifact store, and at its end the model, optimizer
/// state and step buffers — are arrays of megabytes on the large-object heap, which only a gen-2 collection frees; the
/// collector lets that heap grow by about its live size between gen-2 collections, so two DAN trials on SST-2 (live: a
/// few hundred MB) peaked at 1.2–1.5 GB of resident memory in an 8-trial sweep (2.0–2.2 GB in the 30-trial one:
/// bench/README.md, "Memory"). A blocking, non-compacting gen-2 collection once 64 MB of such buffers were discarded,
/// and after every run that allocated that much, took it to 0.6–0.7 GB (with exact-size checkpoints); it costs 20–55 ms
/// each (marking is cheap: the big arrays hold no references), next to epochs of seconds. Compacting the large-object
/// heap as well took 1.5–2× longer for no lower peak, the aggressive mode (which also decommits) was not consistently
/// lower, and GCConserveMemory alone came nowhere near. Process-wide (the collector is): every silo and trial in the
/// process counts towards one threshold.
/// </summary>
internal static class TrialMemoryReclaimer
{
    /// <summary>
    /// Garbage worth a collection: small-model trials (a few MB per checkpoint, runs that allocate little, the synthetic
    /// workload's no-op trials at hundreds per second) rarely or never pay for one.
    /// </summary>
    internal const long CollectAfterBytes = 64L << 20;

    private static long _discarded;

    /// <summary>A buffer of <paramref name="bytes"/> bytes (a checkpoint now stored) is garbage once its epoch is reported.</summary>
    public static void Discarded(long bytes)
    {
        if (Interlocked.Add(ref _discarded, bytes) >= CollectAfterBytes)
        {
            Collect();
        }
    }

    /// <summary>
    /// A training run returned after allocating <paramref name="allocatedBytes"/> bytes on its thread: what it built is
    /// garbage now.
    /// </summary>
    public static void RunEnded(long allocatedBytes)
    {
        if (allocatedBytes >= CollectAfterBytes)
        {
            Collect();
        }
    }

    private static void Collect()
    {
        Interlocked.Exchange(ref _discarded, 0);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: false);
    }
}
