namespace HyperSweep.Grains.Storage;

/// <summary>The state store refused an operation because of a <see cref="StateStoreFault"/> (its message is the fault's, one line).</summary>
public sealed class StateStoreException : Exception
{
    public StateStoreException(StateStoreFault fault, Exception? inner = null)
        : base(fault.Message, inner)
    {
        Fault = fault;
    }

    public StateStoreFault Fault { get; }
}
