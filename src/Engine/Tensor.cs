using System.Runtime.CompilerServices;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine;

/// <summary>
/// A float32 tensor of rank 0–3 in one contiguous row-major buffer, with an optional gradient and the
/// op that produced it. The graph is dynamic: ops record themselves as they run (unless a
/// <see cref="NoGradScope"/> is open or no input requires a gradient), and <see cref="Backward"/> on a
/// scalar walks it once in reverse topological order. Not sealed: <see cref="Parameter"/> is a named,
/// trainable tensor.
/// </summary>
public partial class Tensor
{
    private readonly int[] _shape;
    private float[]? _grad;
    // The gradient counts as zero but its buffer was not cleared yet (a parameter's ZeroGrad): an op that writes every
    // element may overwrite it instead of adding (GradSpanForOverwrite), so the clear never happens.
    private bool _gradientStale;

    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length > 3)
        {
            throw new EngineException($"tensor: rank {shape.Length} of shape {Describe(shape)} is not supported (0–3).");
        }

        var size = 1;
        foreach (var d in shape)
        {
            if (d < 0)
            {
                throw new EngineException($"tensor: negative dimension in shape {Describe(shape)}.");
            }

            size *= d;
        }

        if (data.Length != size)
        {
            throw new EngineException($"tensor: shape {Describe(shape)} needs {size} values but the buffer has {data.Length}.");
        }

        Data = data;
        _shape = (int[])shape.Clone();
        Size = size;
    }

    /// <summary>The values, row-major. Ops never write into an input's buffer.</summary>
    public float[] Data { get; }

    /// <summary>The gradient (same layout as <see cref="Data"/>), or null before anything flowed into it.</summary>
    public float[]? Grad
    {
        get
        {
            if (_gradientStale)
            {
                // Cleared lazily (see MarkGradientStale): the first reader that does not overwrite all of it clears it.
                Array.Clear(_grad!);
                _gradientStale = false;
            }

            return _grad;
        }

        internal set
        {
            _grad = value;
            _gradientStale = false;
        }
    }

    public ReadOnlySpan<int> Shape => _shape;

    public int Rank => _shape.Length;

    public int Size { get; }

    /// <summary>Whether backward computes a gradient for this tensor (set on leaves; ops derive it).</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>The op that produced this tensor, or null for a leaf (input, parameter, detached value).</summary>
    internal Op? Creator { get; private set; }

    public bool IsLeaf => Creator is null;

    public static Tensor Zeros(params int[] shape)
    {
        return new Tensor(new float[SizeOf(shape)], shape);
    }

    public static Tensor Scalar(float value)
    {
        return new Tensor([value]);
    }

    public static Tensor FromArray(float[] data, params int[] shape)
    {
        return new Tensor(data, shape);
    }

    public int Dim(int axis)
    {
        return _shape[axis < 0 ? _shape.Length + axis : axis];
    }

    internal int[] ShapeArray => _shape;

    /// <summary>The value of a one-element tensor (a loss).</summary>
    public float Item()
    {
        if (Size != 1)
        {
            throw new EngineException($"item: tensor of shape {Describe(_shape)} is not a scalar.");
        }

        return Data[0];
    }

    /// <summary>A new leaf sharing this tensor's values, cut off from the graph (no gradient flows back).</summary>
    public Tensor Detach()
    {
        return new Tensor(Data, _shape);
    }

    /// <summary>Clears the gradient to zero (keeps the buffer for reuse).</summary>
    public void ZeroGrad()
    {
        if (this is Parameter parameter)
        {
            parameter.ClearGradient();
        }
        else if (Grad is not null)
        {
            Array.Clear(Grad);
        }
    }

    /// <summary>Backpropagates from this scalar: d(this)/d(every tensor that requires a gradient), accumulated.</summary>
    public void Backward()
    {
        if (Size != 1)
        {
            throw new EngineException($"backward: needs a scalar, got shape {Describe(_shape)}.");
        }

        if (!RequiresGrad)
        {
            throw new EngineException("backward: the tensor does not depend on anything that requires a gradient.");
        }

        using var memory = Arena?.Resume();
        GradSpan()[0] += 1f;
        Graph.Backpropagate(this);
    }

    public override string ToString()
    {
        return $"Tensor{Describe(_shape)}";
    }

    /// <summary>"[2, 3]": how shapes appear in error messages.</summary>
    public static string Describe(ReadOnlySpan<int> shape)
    {
        return "[" + string.Join(", ", shape.ToArray()) + "]";
    }

    internal static int SizeOf(ReadOnlySpan<int> shape)
    {
        var size = 1;
        foreach (var d in shape)
        {
            size *= d;
        }

        return size;
    }

    /// <summary>A zeroed tensor for an op's output, from the active <see cref="TensorArena"/> if any.</summary>
    internal static Tensor ForOutput(int[] shape)
    {
        return new Tensor(TensorArena.Allocate(SizeOf(shape)), shape) { Arena = TensorArena.Active };
    }

    /// <summary>Like <see cref="ForOutput"/> but not zeroed: only for an op that writes every element.</summary>
    internal static Tensor ForOutputUninitialized(int[] shape)
    {
        return new Tensor(TensorArena.AllocateUninitialized(SizeOf(shape)), shape) { Arena = TensorArena.Active };
    }

    /// <summary>The arena this tensor's buffer came from; backward resumes it so gradients come from it too.</summary>
    internal TensorArena? Arena { get; private init; }

    /// <summary>The gradient buffer, allocated (zeroed) on first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Span<float> GradSpan()
    {
        if (this is Parameter { RowSparseGradient: true } parameter)
        {
            parameter.MarkGradientDense();   // an op other than a row scatter writes it: any row may change
        }

        return Grad ??= TensorArena.Allocate(Size);
    }

    /// <summary>
    /// The gradient buffer for an op that writes every element of it (a weight's dW GEMM, a reshape's copy):
    /// <paramref name="overwrite"/> is true when nothing has flowed into the gradient yet — a buffer allocated now
    /// (not cleared) or one cleared only lazily — so the op stores its result instead of adding it.
    /// </summary>
    internal Span<float> GradSpanForOverwrite(out bool overwrite)
    {
        if (_grad is null)
        {
            overwrite = true;
            return _grad = TensorArena.AllocateUninitialized(Size);
        }

        overwrite = _gradientStale;
        _gradientStale = false;
        return GradSpan();
    }

    /// <summary>Makes the gradient read as zero without clearing its buffer now (see <see cref="Grad"/>).</summary>
    internal void MarkGradientStale()
    {
        _gradientStale = _grad is not null;
    }

    internal void SetCreator(Op op)
    {
        Creator = op;
        RequiresGrad = true;
    }

    /// <summary>Called by backward once this intermediate's gradient has been passed on: frees the graph.</summary>
    internal void ReleaseAfterBackward()
    {
        Creator = null;
        if (Grad is not null)
        {
            TensorArena.Release(Grad);
            Grad = null;
        }
    }
}
