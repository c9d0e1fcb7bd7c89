namespace HyperSweep.Grains.Storage;

/// <summary>
/// The silo-wide verdict on its state store: healthy until the first <see cref="StateStoreFault"/> (a full disk, a
/// corrupt file, a store that lost its data), which is kept and signalled through <see cref="Faulted"/>. Hosts watch
/// it to stop cleanly with one message instead of retrying writes that cannot succeed (the full-disk probe logged
/// 20,000 stack traces in four minutes); the training slots stop checkpointing once it has fired.
/// </summary>
public sealed class StateStoreHealth : IDisposable
{
    private readonly CancellationTokenSource _faulted = new();
    private StateStoreFault? _fault;

    /// <summary>The first fault reported, or null while the store is healthy.</summary>
    public StateStoreFault? Fault => Volatile.Read(ref _fault);

    /// <summary>Cancelled when the first fault is reported.</summary>
    public CancellationToken Faulted => _faulted.Token;

    /// <summary>Records <paramref name="fault"/> unless an earlier one was recorded; returns the fault in force.</summary>
    public StateStoreFault Report(StateStoreFault fault)
    {
        var first = Interlocked.CompareExchange(ref _fault, fault, null);
        if (first is not null)
        {
            return first;
        }

        _faulted.Cancel();
        return fault;
    }

    public void Dispose() => _faulted.Dispose();
}
