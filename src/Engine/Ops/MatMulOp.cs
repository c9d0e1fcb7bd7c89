using HyperSweep.Engine.Autodiff;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Ops;

/// <summary>
/// C = op(A)·op(B) for rank-2 A and B, op = identity or transpose (read in place, never copied).
/// Backward accumulates straight into the input gradients with the GEMM's C += … form:
/// dA = dC·op(B)ᵀ and dB = op(A)ᵀ·dC, each rewritten in the stored layout of A and B.
/// </summary>
internal sealed class MatMulOp : Op
{
    private readonly bool _transposeA;
    private readonly bool _transposeB;
    private readonly int _m;
    private readonly int _n;
    private readonly int _k;

    private MatMulOp(Tensor a, Tensor b, bool transposeA, bool transposeB, int m, int n, int k)
        : base(a, b)
    {
        _transposeA = transposeA;
        _transposeB = transposeB;
        _m = m;
        _n = n;
        _k = k;
    }

    public static Tensor Forward(Tensor a, Tensor b, bool transposeA, bool transposeB)
    {
        const string name = "matmul";
        if (a.Rank != 2 || b.Rank != 2)
        {
            throw ShapeCheck.Mismatch(name, a, b, "both must be rank 2");
        }

        var m = transposeA ? a.Dim(1) : a.Dim(0);
        var k = transposeA ? a.Dim(0) : a.Dim(1);
        var kb = transposeB ? b.Dim(1) : b.Dim(0);
        var n = transposeB ? b.Dim(0) : b.Dim(1);
        if (k != kb)
        {
            throw ShapeCheck.Mismatch(
                name, a, b, $"inner dimensions {k} and {kb} differ; transposeA={transposeA}, transposeB={transposeB}");
        }

        var c = Tensor.ForOutput([m, n]);
        Gemm.Current.Multiply(a.Data, b.Data, c.Data, m, n, k, transposeA, transposeB);
        if (ShouldRecord(a, b))
        {
            c.SetCreator(new MatMulOp(a, b, transposeA, transposeB, m, n, k));
        }

        return c;
    }

    public override void Backward(Tensor output)
    {
        var a = Inputs[0];
        var b = Inputs[1];
        var g = output.Grad!;
        var gemm = Gemm.Current;
        if (a.RequiresGrad)
        {
            // Written whole: a gradient zeroed lazily (a parameter's ZeroGrad) is overwritten, neither cleared nor read.
            var ga = a.GradSpanForOverwrite(out var overwrite);
            if (!_transposeA)
            {
                // A [m,k]: dA = dC [m,n] · op(B)ᵀ [n,k]
                gemm.Multiply(g, b.Data, ga, _m, _k, _n, false, !_transposeB, accumulate: !overwrite);
            }
            else
            {
                // A stored [k,m]: dAᵀ = op(B) [k,n] · dCᵀ [n,m]
                gemm.Multiply(b.Data, g, ga, _k, _m, _n, _transposeB, true, accumulate: !overwrite);
            }
        }

        if (b.RequiresGrad)
        {
            var gb = b.GradSpanForOverwrite(out var overwrite);
            if (!_transposeB)
            {
                // B [k,n]: dB = op(A)ᵀ [k,m] · dC [m,n]
                gemm.Multiply(a.Data, g, gb, _k, _n, _m, !_transposeA, false, accumulate: !overwrite);
            }
            else
            {
                // B stored [n,k]: dBᵀ = dCᵀ [n,m] · op(A) [m,k]
                gemm.Multiply(g, a.Data, gb, _n, _k, _m, true, _transposeA, accumulate: !overwrite);
            }
        }
    }
}
