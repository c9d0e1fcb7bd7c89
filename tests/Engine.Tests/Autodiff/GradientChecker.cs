using HyperSweep.Engine;

namespace HyperSweep.Engine.Tests.Autodiff;

/// <summary>
/// Finite-difference gradient check. The function's output is reduced to a scalar with fixed random
/// weights (so every output element matters), the engine's analytic gradient is compared with central
/// differences of that scalar accumulated in double, per input tensor:
/// max|analytic − numeric| / max(max|numeric|, floor) ≤ tolerance.
/// </summary>
internal static class GradientChecker
{
    public static void Check(Func<Tensor> function, IReadOnlyList<Tensor> inputs, double epsilon = 1e-2, double tolerance = 1e-2, int seed = 7)
    {
        foreach (var input in inputs)
        {
            input.RequiresGrad = true;
            input.ZeroGrad();
        }

        var probe = function();
        var random = new Random(seed);
        var weights = new float[probe.Size];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var weightTensor = new Tensor(weights, probe.Shape.ToArray());
        (probe * weightTensor).Sum().Backward();

        for (var index = 0; index < inputs.Count; index++)
        {
            var input = inputs[index];
            var analytic = input.Grad ?? new float[input.Size];
            var numeric = new double[input.Size];
            for (var i = 0; i < input.Size; i++)
            {
                var saved = input.Data[i];
                input.Data[i] = saved + (float)epsilon;
                var plus = WeightedSum(function, weights);
                input.Data[i] = saved - (float)epsilon;
                var minus = WeightedSum(function, weights);
                input.Data[i] = saved;
                numeric[i] = (plus - minus) / (2 * epsilon);
            }

            double maxError = 0;
            double maxReference = 0;
            var worst = -1;
            for (var i = 0; i < input.Size; i++)
            {
                var error = Math.Abs(analytic[i] - numeric[i]);
                if (error > maxError)
                {
                    maxError = error;
                    worst = i;
                }

                maxReference = Math.Max(maxReference, Math.Abs(numeric[i]));
            }

            var relative = maxError / Math.Max(maxReference, 1e-3);
            Assert.True(
                relative <= tolerance,
                $"input {index} {input}: relative error {relative:G3} at element {worst} " +
                $"(analytic {(worst >= 0 ? analytic[worst] : 0)}, numeric {(worst >= 0 ? numeric[worst] : 0)}).");
        }
    }

    private static double WeightedSum(Func<Tensor> function, float[] weights)
    {
        using var scope = new NoGradScope();
        var output = function();
        double sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (double)output.Data[i] * weights[i];
        }

        return sum;
    }

    public static Tensor Random(Random random, float low, float high, params int[] shape)
    {
        var data = new float[Tensor.Zeros(shape).Size];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(low + ((high - low) * random.NextDouble()));
        }

        return new Tensor(data, shape);
    }

    /// <summary>Values in ±[0.1, 1]: away from ReLU's kink and safe as divisors.</summary>
    public static Tensor AwayFromZero(Random random, params int[] shape)
    {
        var t = Random(random, 0.1f, 1f, shape);
        for (var i = 0; i < t.Size; i++)
        {
            if (random.Next(2) == 0)
            {
                t.Data[i] = -t.Data[i];
            }
        }

        return t;
    }
}
