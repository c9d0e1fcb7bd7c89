using System.Buffers;
using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;

namespace HyperSweep.Engine.Ops;

internal enum BinaryKind
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>
/// a ∘ b elementwise for ∘ in {+, −, ×, ÷}. Shapes must be equal, or one shape must be a trailing part of
/// the other (a bias row [N] over [B, N] or [B, T, N]; a scalar over anything): the smaller operand
/// repeats over the leading axes and its gradient is the sum over those repeats.
/// </summary>
internal sealed class BinaryOp : Op
{
    private readonly BinaryKind _kind;

    private BinaryOp(BinaryKind kind, Tensor a, Tensor b)
        : base(a, b)
    {
        _kind = kind;
    }

    public static Tensor Forward(BinaryKind kind, Tensor a, Tensor b)
    {
        var aIsBig = ShapeCheck.IsSuffix(b.Shape, a.Shape);
        if (!aIsBig && !ShapeCheck.IsSuffix(a.Shape, b.Shape))
        {
            throw ShapeCheck.Mismatch(Name(kind), a, b, "equal, or one a trailing part of the other");
        }

        var big = aIsBig ? a : b;
        var output = Tensor.ForOutput(big.ShapeArray);
        var block = aIsBig ? b.Size : a.Size;
        if (block > 0)
        {
            for (var start = 0; start < big.Size; start += block)
            {
                var x = aIsBig ? a.Data.AsSpan(start, block) : a.Data.AsSpan();
                var y = aIsBig ? b.Data.AsSpan() : b.Data.AsSpan(start, block);
                Apply(kind, x, y, output.Data.AsSpan(start, block));
            }
        }

        if (ShouldRecord(a, b))
        {
            output.SetCreator(new BinaryOp(kind, a, b));
        }

        return output;
    }

    public override void Backward(Tensor output)
    {
        var a = Inputs[0];
        var b = Inputs[1];
        var aIsBig = a.Size == output.Size;
        var block = aIsBig ? b.Size : a.Size;
        var g = output.Grad!;
        var scratch = ArrayPool<float>.Shared.Rent(block);
        try
        {
            for (var start = 0; start < output.Size; start += block)
            {
                var gBlock = g.AsSpan(start, block);
                var aBlock = aIsBig ? a.Data.AsSpan(start, block) : a.Data.AsSpan();
                var bBlock = aIsBig ? b.Data.AsSpan() : b.Data.AsSpan(start, block);
                if (a.RequiresGrad)
                {
                    var ga = aIsBig ? a.GradSpan().Slice(start, block) : a.GradSpan();
                    GradA(gBlock, bBlock, ga, scratch.AsSpan(0, block));
                }

                if (b.RequiresGrad)
                {
                    var gb = aIsBig ? b.GradSpan() : b.GradSpan().Slice(start, block);
                    GradB(gBlock, aBlock, bBlock, gb, scratch.AsSpan(0, block));
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private void GradA(ReadOnlySpan<float> g, ReadOnlySpan<float> b, Span<float> ga, Span<float> scratch)
    {
        switch (_kind)
        {
            case BinaryKind.Add:
            case BinaryKind.Subtract:
                TensorPrimitives.Add(ga, g, ga);
                break;
            case BinaryKind.Multiply:
                TensorPrimitives.MultiplyAdd(g, b, ga, ga);
                break;
            case BinaryKind.Divide:
                TensorPrimitives.Divide(g, b, scratch);
                TensorPrimitives.Add(ga, scratch, ga);
                break;
        }
    }

    private void GradB(ReadOnlySpan<float> g, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> gb, Span<float> scratch)
    {
        switch (_kind)
        {
            case BinaryKind.Add:
                TensorPrimitives.Add(gb, g, gb);
                break;
            case BinaryKind.Subtract:
                TensorPrimitives.Subtract(gb, g, gb);
                break;
            case BinaryKind.Multiply:
                TensorPrimitives.MultiplyAdd(g, a, gb, gb);
                break;
            case BinaryKind.Divide:
                // d(a/b)/db = −a/b²
                TensorPrimitives.Multiply(g, a, scratch);
                TensorPrimitives.Divide(scratch, b, scratch);
                TensorPrimitives.Divide(scratch, b, scratch);
                TensorPrimitives.Subtract(gb, scratch, gb);
                break;
        }
    }

    private static void Apply(BinaryKind kind, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> destination)
    {
        switch (kind)
        {
            case BinaryKind.Add:
                TensorPrimitives.Add(x, y, destination);
                break;
            case BinaryKind.Subtract:
                TensorPrimitives.Subtract(x, y, destination);
                break;
            case BinaryKind.Multiply:
                TensorPrimitives.Multiply(x, y, destination);
                break;
            case BinaryKind.Divide:
                TensorPrimitives.Divide(x, y, destination);
                break;
        }
    }

    private static string Name(BinaryKind kind)
    {
        return kind switch
        {
            BinaryKind.Add => "add",
            BinaryKind.Subtract => "subtract",
            BinaryKind.Multiply => "multiply",
            _ => "divide",
        };
    }
}
