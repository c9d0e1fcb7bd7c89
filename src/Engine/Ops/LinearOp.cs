using System.Numerics.Tensors;
using HyperSweep.Engine.Autodiff;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// y = x·W + b fused: the output starts as copies of the bias row and the GEMM accumulates into it, so there
/// is no separate [N, out] tensor for x·W and no extra pass. Backward: dx += g·Wᵀ, dW += xᵀ·g, db += Σ_rows g.
/// </summary>
internal sealed class LinearOp : Op
{
    private LinearOp(Tensor x, Tensor weight, Tensor bias)
        : base(x, weight, bias)
    {
    }

    public static Tensor Forward(Tensor x, Tensor weight, Tensor bias)
    {
        const string name = "linear";
        if (x.Rank != 2 || weight.Rank != 2 || x.Dim(1) != weight.Dim(0))
        {
            throw ShapeCheck.Mismatch(name, x, weight, "x [N, in] and W [in, out]");
        }

        var (rows, inner, columns) = (x.Dim(0), x.Dim(1), weight.Dim(1));
        if (bias.Rank != 1 || bias.Dim(0) != columns)
        {
            throw ShapeCheck.Mismatch(name, weight, bias, $"the bias must be [{columns}]");
        }

        var y = Tensor.ForOutputUninitialized([rows, columns]);   // every row starts as the bias
        if (Gemm.Current is SimdGemm simd)
        {
            simd.MultiplyAddRowVector(x.Data, weight.Data, bias.Data, y.Data, rows, columns, inner);
        }
        else
        {
            for (var r = 0; r < rows; r++)
            {
                bias.Data.CopyTo(y.Data, r * columns);
            }

            Gemm.Current.Multiply(x.Data, weight.Data, y.Data, rows, columns, inner, accumulate: true);
        }
        if (ShouldRecord(x, weight) || ShouldRecord(bias))
        {
            y.SetCreator(new LinearOp(x, weight, bias));
        }

        return y;
    }

    public override void Backward(Tensor output)
    {
        var (x, weight, bias) = (Inputs[0], Inputs[1], Inputs[2]);
        var (rows, inner, columns) = (x.Dim(0), x.Dim(1), weight.Dim(1));
        var g = output.Grad!;
        if (x.RequiresGrad)
        {
            var gx = x.GradSpanForOverwrite(out var fresh);
            Gemm.Current.Multiply(g, weight.Data, gx, rows, inner, columns, transposeB: true, accumulate: !fresh);
        }

        // dW is written whole: a gradient zeroed lazily (ZeroGrad) is overwritten, neither cleared nor read.
        if (weight.RequiresGrad && bias.RequiresGrad && Gemm.Current is SimdGemm simd)
        {
            // db += Σ_rows g is summed while dW's GEMM packs g.
            var gw = weight.GradSpanForOverwrite(out var overwrite);
            simd.MultiplyAccumulateWithColumnSums(x.Data, g, gw, bias.GradSpan(), inner, columns, rows, transposeA: true, accumulate: !overwrite);
            return;
        }

        if (weight.RequiresGrad)
        {
            var gw = weight.GradSpanForOverwrite(out var overwrite);
            Gemm.Current.Multiply(x.Data, g, gw, inner, columns, rows, transposeA: true, accumulate: !overwrite);
        }

        if (bias.RequiresGrad)
        {
            var gb = bias.GradSpan();
            for (var r = 0; r < rows; r++)
            {
                TensorPrimitives.Add(gb, g.AsSpan(r * columns, columns), gb);
            }
        }
    }
}
