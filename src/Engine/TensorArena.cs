namespace HyperSweep.Engine;

/// <summary>
/// Reuses the buffers of one training (or evaluation) step in the next. On these machines touching a fresh
/// 4 KiB page costs ~17 µs, so a step that allocates its activations anew is several times slower than one
/// that reuses them. While an arena is active on a thread, every op output, intermediate gradient and op
/// scratch buffer is rented from it; when the activation scope ends, all of them return to the arena.
/// <para>
/// Contract: a tensor produced inside the scope is valid only until the scope ends — copy what must survive
/// (a loss value, a carried recurrent state). Parameters and their gradients never come from an arena.
/// Without an active arena ops allocate normally (the garbage collector reclaims them).
/// </para>
/// </summary>
public sealed class TensorArena
{
    [ThreadStatic]
    private static TensorArena? _active;

    private readonly Dictionary<int, Stack<float[]>> _free = [];
    private readonly HashSet<float[]> _rented = new(ReferenceEqualityComparer.Instance);
    private bool _inUse;

    /// <summary>How many buffers the arena holds in total (rented or free); stable across steps of equal shape.</summary>
    public int BufferCount => _rented.Count + _free.Values.Sum(s => s.Count);

    /// <summary>Floats held by the arena in total (rented or free).</summary>
    public long FloatCount => _rented.Sum(b => (long)b.Length) + _free.Values.Sum(s => s.Sum(b => (long)b.Length));

    /// <summary>Makes this arena the thread's allocator until the returned scope is disposed, then takes every buffer back.</summary>
    public IDisposable Activate()
    {
        if (_inUse)
        {
            throw new EngineException("tensor arena: already active (an arena serves one step on one thread at a time).");
        }

        _inUse = true;
        var previous = _active;
        _active = this;
        return new Scope(this, previous, release: true);
    }

    /// <summary>The arena serving this thread, if any.</summary>
    internal static TensorArena? Active => _active;

    /// <summary>A zeroed buffer of exactly <paramref name="size"/> floats: from the active arena, or new.</summary>
    internal static float[] Allocate(int size)
    {
        var arena = _active;
        return arena is null || size == 0 ? new float[size] : arena.Rent(size);
    }

    /// <summary>
    /// Makes this arena the thread's allocator again without taking its buffers back at the end: a graph built in it
    /// (a model's forward) is extended by its backward. Null when it is already the active one.
    /// </summary>
    internal IDisposable? Resume()
    {
        if (_active == this)
        {
            return null;
        }

        if (_inUse)
        {
            throw new EngineException("tensor arena: already active elsewhere.");
        }

        _inUse = true;
        var previous = _active;
        _active = this;
        return new Scope(this, previous, release: false);
    }

    /// <summary>Takes every buffer back (the tensors of the previous step become invalid).</summary>
    internal void ReleaseAll()
    {
        if (_inUse)
        {
            throw new EngineException("tensor arena: cannot release buffers while active.");
        }

        ReturnAll();
    }

    /// <summary>Gives a buffer back early (an intermediate gradient already passed on); ignored if not rented here.</summary>
    internal static void Release(float[] buffer)
    {
        var arena = _active;
        if (arena is not null && arena._rented.Remove(buffer))
        {
            arena.Free(buffer);
        }
    }

    /// <summary>
    /// A buffer of exactly <paramref name="size"/> floats whose contents are unspecified (a previous step's values):
    /// for an output its producer overwrites entirely, which saves clearing it (the LM's logits are 45 MB).
    /// </summary>
    internal static float[] AllocateUninitialized(int size)
    {
        var arena = _active;
        return arena is null || size == 0 ? GC.AllocateUninitializedArray<float>(size) : arena.Rent(size, clear: false);
    }

    private float[] Rent(int size, bool clear = true)
    {
        float[] buffer;
        if (_free.TryGetValue(size, out var stack) && stack.Count > 0)
        {
            buffer = stack.Pop();
            if (clear)
            {
                Array.Clear(buffer);
            }
        }
        else
        {
            buffer = new float[size];
        }

        _rented.Add(buffer);
        return buffer;
    }

    private void Free(float[] buffer)
    {
        if (!_free.TryGetValue(buffer.Length, out var stack))
        {
            stack = new Stack<float[]>();
            _free[buffer.Length] = stack;
        }

        stack.Push(buffer);
    }

    private void ReturnAll()
    {
        foreach (var buffer in _rented)
        {
            Free(buffer);
        }

        _rented.Clear();
    }

    private sealed class Scope(TensorArena arena, TensorArena? previous, bool release) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _active = previous;
            if (release)
            {
                arena.ReturnAll();
            }

            arena._inUse = false;
        }
    }
}
