namespace HyperSweep.Grains.Slots;

/// <summary>A training run holding one slot: its completion and a way to cancel it.</summary>
public sealed class TrainingRun
{
    private readonly CancellationTokenSource _cancellation;

    internal TrainingRun(string key, CancellationTokenSource cancellation)
    {
        Key = key;
        _cancellation = cancellation;
    }

    public string Key { get; }

    public Task Completion { get; internal set; } = Task.CompletedTask;

    public CancellationToken Token => _cancellation.Token;

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
