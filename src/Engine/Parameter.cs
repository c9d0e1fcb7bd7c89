namespace HyperSweep.Engine;

/// <summary>A named trainable tensor owned by a layer. Its gradient buffer exists from the start.</summary>
public sealed class Parameter : Tensor
{
    // Row tracking (embedding tables): which rows of Grad may be non-zero since the last ZeroGrad. Valid only
    // while _gradientDense is false; any write that is not a row scatter (an op's GradSpan, weight decay) sets it.
    private bool _gradientDense = true;
    private bool[]? _rowTouched;
    private int[]? _touchedRows;
    private int _touchedCount;

    public Parameter(string name, float[] data, params int[] shape)
        : base(data, shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        RequiresGrad = true;
        Grad = new float[Size];
    }

    /// <summary>Dotted name, unique within a model ("layer0.fwd.W_x", "embedding").</summary>
    public string Name { get; }

    /// <summary>
    /// True for a [rows, width] table whose gradient usually touches few rows (an embedding): the engine then
    /// clears, measures and updates only the rows written since the last ZeroGrad (optimizer results are the
    /// same as with the dense gradient). Only set it when every write to <see cref="Tensor.Grad"/> goes through ops.
    /// </summary>
    public bool RowSparseGradient
    {
        get => _rowTouched is not null;
        init
        {
            if (value)
            {
                if (Rank != 2)
                {
                    throw new EngineException($"parameter {Name}: a row-sparse gradient needs a [rows, width] table, got {Describe(Shape)}.");
                }

                _rowTouched = new bool[Dim(0)];
                _touchedRows = new int[Dim(0)];
            }
        }
    }

    public override string ToString()
    {
        return $"Parameter {Name}{Describe(Shape)}";
    }

    /// <summary>The rows of the gradient that may be non-zero, or false when any row may be (dense).</summary>
    internal bool TryGetTouchedRows(out ReadOnlySpan<int> rows, out ReadOnlySpan<bool> isTouched)
    {
        if (_rowTouched is null || _gradientDense)
        {
            rows = default;
            isTouched = default;
            return false;
        }

        rows = _touchedRows.AsSpan(0, _touchedCount);
        isTouched = _rowTouched;
        return true;
    }

    internal void MarkGradientDense()
    {
        _gradientDense = true;
    }

    /// <summary>Records that a row scatter will write row <paramref name="row"/> of the gradient.</summary>
    internal void MarkRowTouched(int row)
    {
        if (_rowTouched is null || _rowTouched[row])
        {
            return;
        }

        _rowTouched[row] = true;
        _touchedRows![_touchedCount++] = row;
    }

    /// <summary>Clears the gradient: only the touched rows when they are known, else all of it (lazily); starts tracking anew.</summary>
    internal void ClearGradient()
    {
        var width = Rank == 2 ? Dim(1) : 0;
        if (_rowTouched is not null && !_gradientDense)
        {
            foreach (var row in _touchedRows.AsSpan(0, _touchedCount))
            {
                Array.Clear(Grad!, row * width, width);
                _rowTouched[row] = false;
            }
        }
        else
        {
            // Cleared on first use, or never when a dW GEMM overwrites it (Tensor.GradSpanForOverwrite).
            MarkGradientStale();
            if (_rowTouched is not null)
            {
                Array.Clear(_rowTouched);
            }
        }

        _touchedCount = 0;
        _gradientDense = _rowTouched is null;
    }
}
