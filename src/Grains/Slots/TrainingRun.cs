using System.Diagnostics;

namespace HyperSweep.Grains.Slots;

/// <summary>
/// A training run holding one slot: its completion, a way to cancel it (stop now, nothing saved), a way to ask it to
/// stop at its next batch boundary after checkpointing (a preemption), and its last sign of progress for the hung-trial
/// watchdog. Time the run spends waiting on its own grain calls (commits and reports, which have their own retry
/// budget) is not silence: only training that stops moving is.
/// </summary>
public sealed class TrainingRun
{
    private readonly CancellationTokenSource _cancellation;
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<TrainingRun> _release;
    private long _lastProgress = Stopwatch.GetTimestamp();
    private int _calls;
    private int _released;
    private int _abandoned;

    internal TrainingRun(string key, CancellationTokenSource cancellation, Action<TrainingRun> release, Action<string>? onHung)
    {
        Key = key;
        _cancellation = cancellation;
        _release = release;
        OnHung = onHung;
    }

    public string Key { get; }

    public Task Completion { get; internal set; } = Task.CompletedTask;

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Cancelled when the run should checkpoint at its next batch boundary and stop (the silo is leaving).</summary>
    public CancellationToken StopRequested => _stop.Token;

    /// <summary>True once the watchdog gave up on this run: its slot is free and whatever its thread does later is stale.</summary>
    public bool Abandoned => Volatile.Read(ref _abandoned) == 1;

    /// <summary>What to tell the trial when the watchdog abandons the run (called off the grain, on the watchdog's thread).</summary>
    internal Action<string>? OnHung { get; }

    /// <summary>The training moved (a batch or an epoch finished).</summary>
    public void Progress() => Volatile.Write(ref _lastProgress, Stopwatch.GetTimestamp());

    /// <summary>Marks the run as waiting on a grain call until the result is disposed (the watchdog does not count that time).</summary>
    public CallScope InCall()
    {
        Interlocked.Increment(ref _calls);
        return new CallScope(this);
    }

    /// <summary>How long the training has not moved, or zero while it waits on a call.</summary>
    public TimeSpan Silence => Volatile.Read(ref _calls) > 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress));

    /// <summary>Gives the slot back (idempotent): the training is over even if the thread still reports.</summary>
    public void ReleaseSlot()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _release(this);
        }
    }

    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run already finished and released its slot.
        }
    }

    /// <summary>Asks the run to checkpoint at its next batch boundary and stop.</summary>
    public void RequestStop() => _stop.Cancel();

    /// <summary>Gives up on a run whose thread stopped moving: true for the one caller that did it.</summary>
    internal bool TryAbandon()
    {
        if (Interlocked.Exchange(ref _abandoned, 1) != 0)
        {
            return false;
        }

        Cancel();
        ReleaseSlot();
        return true;
    }

    /// <summary>The end of a grain call made by the run (see <see cref="InCall"/>): progress again from here.</summary>
    public readonly struct CallScope(TrainingRun run) : IDisposable
    {
        public void Dispose()
        {
            run.Progress();
            Interlocked.Decrement(ref run._calls);
        }
    }
}
