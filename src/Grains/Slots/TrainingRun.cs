namespace HyperSweep.Grains.Slots;

/// <summary>A training run holding one slot: its completion and a way to cancel it.</summary>
public sealed class TrainingRun
{
    private readonly CancellationTokenSource _cancellation;
    private readonly Action<TrainingRun> _release;
    private int _released;

    internal TrainingRun(string key, CancellationTokenSource cancellation, Action<TrainingRun> release)
    {
        Key = key;
        _cancellation = cancellation;
        _release = release;
    }

    public string Key { get; }

    public Task Completion { get; internal set; } = Task.CompletedTask;

    public CancellationToken Token => _cancellation.Token;

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
}
