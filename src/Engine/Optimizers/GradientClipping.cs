namespace HyperSweep.Engine.Optimizers;

/// <summary>Global gradient-norm clipping, as PyTorch's clip_grad_norm_ (ORACLE.md).</summary>
public static class GradientClipping
{
    /// <summary>The L2 norm of all gradients together (accumulated in double).</summary>
    public static double GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        double sum = 0;
        foreach (var p in parameters)
        {
            sum += SumOfSquares(p);
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Σ g² of one parameter's gradient (only its touched rows when they are known: the rest is zero).</summary>
    internal static double SumOfSquares(Parameter p)
    {
        if (p.TryGetTouchedRows(out var rows, out _))
        {
            var width = p.Dim(1);
            double rowSum = 0;
            foreach (var row in rows)
            {
                rowSum += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(p.Grad.AsSpan(row * width, width));
            }

            return rowSum;
        }

        // Vectorised float sums over short chunks, accumulated in double: fast and still accurate for millions of values.
        const int chunk = 4096;
        double sum = 0;
        var grad = p.Grad!.AsSpan();
        for (var start = 0; start < grad.Length; start += chunk)
        {
            sum += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(grad.Slice(start, Math.Min(chunk, grad.Length - start)));
        }

        return sum;
    }

    /// <summary>
    /// Scales every gradient by min(1, maxNorm / (N + 1e-6)) and returns N, the norm before clipping.
    /// </summary>
    public static double ClipByGlobalNorm(IReadOnlyList<Parameter> parameters, double maxNorm)
    {
        if (!(maxNorm > 0))
        {
            throw new EngineException($"clip: max norm must be > 0, got {maxNorm}.");
        }

        var norm = GlobalNorm(parameters);
        var coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1)
        {
            var c = (float)coefficient;
            foreach (var p in parameters)
            {
                if (p.TryGetTouchedRows(out var rows, out _))
                {
                    var width = p.Dim(1);
                    foreach (var row in rows)
                    {
                        var span = p.Grad.AsSpan(row * width, width);
                        System.Numerics.Tensors.TensorPrimitives.Multiply(span, c, span);
                    }
                }
                else
                {
                    System.Numerics.Tensors.TensorPrimitives.Multiply(p.Grad!, c, p.Grad!);
                }
            }
        }

        return norm;
    }
}
