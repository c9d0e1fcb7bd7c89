using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Autodiff;

/// <summary>
/// Weight gradients of the form dW += Σ_steps Xₜᵀ·Yₜ that ops hand over during one backward pass, computed once at its
/// end as a single GEMM over the stacked rows. A recurrent step's dW_h += hᵀ·dR has only the batch's rows as depth (20–32):
/// run per step, each of the T products streams all of dW_h (4 MB for an LSTM of 512) through the cache for little work
/// and keeps the micro-kernel in its loads and stores; stacked, it is one product of depth T·B. The rows are copied as
/// each step's backward runs (their buffers may be reused after), into arena buffers.
/// </summary>
internal sealed class DeferredWeightGradients
{
    [ThreadStatic]
    private static DeferredWeightGradients? _current;

    private readonly Dictionary<Tensor, StackedRows> _pending = new(ReferenceEqualityComparer.Instance);

    /// <summary>The collection of the backward pass running on this thread (ops run their backward only inside one).</summary>
    public static DeferredWeightGradients Current =>
        _current ?? throw new InvalidOperationException("deferred weight gradients: no backward pass is running on this thread.");

    /// <summary>Runs <paramref name="backward"/> with a collection active, then computes every product it collected.</summary>
    public static void Collect(Action backward)
    {
        var previous = _current;
        var collection = new DeferredWeightGradients();
        _current = collection;
        try
        {
            backward();
        }
        finally
        {
            _current = previous;
        }

        collection.Complete();
    }

    /// <summary>
    /// Adds Xᵀ·Y to <paramref name="weight"/>'s gradient, later: X is <paramref name="rows"/> rows of
    /// <paramref name="leftWidth"/> (the gradient's rows), Y as many rows of <paramref name="rightWidth"/> (its columns).
    /// </summary>
    /// <param name="expectedRows">How many rows this weight will likely collect in all (the first buffers' size).</param>
    public void Add(Tensor weight, ReadOnlySpan<float> left, ReadOnlySpan<float> right, int rows, int leftWidth, int rightWidth, int expectedRows)
    {
        if (!_pending.TryGetValue(weight, out var stacked))
        {
            stacked = new StackedRows(leftWidth, rightWidth, Math.Max(expectedRows, rows));
            _pending[weight] = stacked;
        }

        stacked.Append(left[..(rows * leftWidth)], right[..(rows * rightWidth)], rows);
    }

    private void Complete()
    {
        foreach (var (weight, stacked) in _pending)
        {
            var gradient = weight.GradSpanForOverwrite(out var overwrite);
            Gemm.Current.Multiply(
                stacked.Left, stacked.Right, gradient, stacked.LeftWidth, stacked.RightWidth, stacked.Rows, transposeA: true,
                accumulate: !overwrite);
        }
    }

    /// <summary>The rows collected for one weight, in two growing buffers.</summary>
    private sealed class StackedRows(int leftWidth, int rightWidth, int capacity)
    {
        private float[] _left = TensorArena.AllocateUninitialized(capacity * leftWidth);
        private float[] _right = TensorArena.AllocateUninitialized(capacity * rightWidth);
        private int _capacity = capacity;

        public int LeftWidth => leftWidth;

        public int RightWidth => rightWidth;

        public int Rows { get; private set; }

        public ReadOnlySpan<float> Left => _left.AsSpan(0, Rows * leftWidth);

        public ReadOnlySpan<float> Right => _right.AsSpan(0, Rows * rightWidth);

        public void Append(ReadOnlySpan<float> left, ReadOnlySpan<float> right, int rows)
        {
            if (Rows + rows > _capacity)
            {
                _capacity = Math.Max(2 * _capacity, Rows + rows);
                _left = Grow(_left, Rows * leftWidth, _capacity * leftWidth);
                _right = Grow(_right, Rows * rightWidth, _capacity * rightWidth);
            }

            left.CopyTo(_left.AsSpan(Rows * leftWidth));
            right.CopyTo(_right.AsSpan(Rows * rightWidth));
            Rows += rows;
        }

        private static float[] Grow(float[] buffer, int used, int size)
        {
            var grown = TensorArena.AllocateUninitialized(size);
            buffer.AsSpan(0, used).CopyTo(grown);
            TensorArena.Release(buffer);
            return grown;
        }
    }
}
