namespace HyperSweep.Engine.Optimizers;

/// <summary>Global gradient-norm clipping, as PyTorch's clip_grad_norm_ (ORACLE.md).</summary>
public static class GradientClipping
{
    /// <summary>The L2 norm of all gradients together (accumulated in double).</summary>
    public static double GlobalNorm(IReadOnlyList<Parameter> parameters)
    {
        // Vectorised float sums over short chunks, accumulated in double: fast and still accurate for millions of values.
        const int chunk = 4096;
        double sum = 0;
        foreach (var p in parameters)
        {
            var grad = p.Grad!.AsSpan();
            for (var start = 0; start < grad.Length; start += chunk)
            {
                sum += System.Numerics.Tensors.TensorPrimitives.SumOfSquares(grad.Slice(start, Math.Min(chunk, grad.Length - start)));
            }
        }

        return Math.Sqrt(sum);
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
                System.Numerics.Tensors.TensorPrimitives.Multiply(p.Grad!, c, p.Grad!);
            }
        }

        return norm;
    }
}
