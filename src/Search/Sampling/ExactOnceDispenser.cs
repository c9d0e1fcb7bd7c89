namespace HyperSweep.Search.Sampling;

/// <summary>
/// Hands out trial indices 0 … limit-1 so that each one is run exactly once, even when requests race and
/// when the coordinator restarts.
/// </summary>
/// <remarks>
/// Protocol for a coordinator:
/// <list type="number">
/// <item><see cref="TryLease"/> an index (under a lock, so racing requests get different indices), then
/// PERSIST <see cref="State"/> before dispatching the trial (write-ahead).</item>
/// <item>When the trial is durably recorded in the trial table, <see cref="Acknowledge"/> it (and persist).</item>
/// <item>If the trial could not be started (no slot, dispatch failed before it was recorded),
/// <see cref="Return"/> it: it goes back to the front of the queue.</item>
/// <item>After a restart, <see cref="Restore"/> the persisted state, then <see cref="Reconcile"/> with the
/// trial table: every in-flight index that has a recorded trial is acknowledged, every other one was never
/// dispatched (the crash came between persisting and dispatching) and is returned for re-issue.</item>
/// </list>
/// An index is therefore in exactly one place — never issued, in flight, returned, or recorded — and only
/// "never issued" and "returned" indices can be leased: no index runs twice and none is lost.
/// </remarks>
public sealed class ExactOnceDispenser
{
    private readonly object _gate = new();
    private readonly SortedSet<long> _inFlight = new();
    private readonly SortedSet<long> _returned = new();
    private long _next;

    /// <param name="limit">How many indices exist (grid size or the strategy's trial count).</param>
    public ExactOnceDispenser(long limit)
    {
        if (limit < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "the limit must be >= 0");
        }
        Limit = limit;
    }

    public long Limit { get; }

    /// <summary>True when every index has been issued and acknowledged.</summary>
    public bool IsExhausted
    {
        get
        {
            lock (_gate)
            {
                return _next >= Limit && _inFlight.Count == 0 && _returned.Count == 0;
            }
        }
    }

    public DispenserState State
    {
        get
        {
            lock (_gate)
            {
                return new DispenserState(_next, _inFlight.ToArray(), _returned.ToArray());
            }
        }
    }

    /// <summary>Leases the lowest returned index, else the next never-issued one; false when none is left.</summary>
    public bool TryLease(out long index)
    {
        lock (_gate)
        {
            if (_returned.Count > 0)
            {
                index = _returned.Min;
                _returned.Remove(index);
            }
            else if (_next < Limit)
            {
                index = _next++;
            }
            else
            {
                index = -1;
                return false;
            }
            _inFlight.Add(index);
            return true;
        }
    }

    /// <summary>The trial for <paramref name="index"/> is recorded: it will never be leased again.</summary>
    public void Acknowledge(long index)
    {
        lock (_gate)
        {
            if (!_inFlight.Remove(index))
            {
                throw new InvalidOperationException($"index {index} is not in flight");
            }
        }
    }

    /// <summary>The trial for <paramref name="index"/> never started: lease it again later.</summary>
    public void Return(long index)
    {
        lock (_gate)
        {
            if (!_inFlight.Remove(index))
            {
                throw new InvalidOperationException($"index {index} is not in flight");
            }
            _returned.Add(index);
        }
    }

    /// <summary>Resolves in-flight indices after a restart using the durable trial table.</summary>
    public void Reconcile(Func<long, bool> isRecorded)
    {
        ArgumentNullException.ThrowIfNull(isRecorded);
        lock (_gate)
        {
            foreach (var index in _inFlight.ToArray())
            {
                _inFlight.Remove(index);
                if (!isRecorded(index))
                {
                    _returned.Add(index);
                }
            }
        }
    }

    public static ExactOnceDispenser Restore(long limit, DispenserState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var dispenser = new ExactOnceDispenser(limit);
        if (state.Next < 0 || state.Next > limit)
        {
            throw new ArgumentException($"state.Next {state.Next} is outside 0..{limit}", nameof(state));
        }
        dispenser._next = state.Next;
        foreach (var index in state.InFlight.Concat(state.Returned))
        {
            if (index < 0 || index >= state.Next)
            {
                throw new ArgumentException($"index {index} in the state was never issued (next is {state.Next})", nameof(state));
            }
        }
        dispenser._inFlight.UnionWith(state.InFlight);
        dispenser._returned.UnionWith(state.Returned);
        if (dispenser._inFlight.Overlaps(dispenser._returned))
        {
            throw new ArgumentException("an index is both in flight and returned", nameof(state));
        }
        return dispenser;
    }
}
