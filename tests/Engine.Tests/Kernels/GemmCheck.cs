using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

/// <summary>Runs a backend and the naive reference on the same random operands and compares the results.</summary>
internal static class GemmCheck
{
    public static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }

    /// <summary>
    /// Multiplies random operands stored in the given transpose form with both kernels and asserts
    /// every element agrees. With <paramref name="accumulate"/>, C starts from random values
    /// so a kernel that overwrites instead of adding is caught.
    /// </summary>
    public static void AgreesWithNaive(IGemm gemm, int m, int n, int k, bool transposeA, bool transposeB, bool accumulate)
    {
        var seed = HashCode.Combine(m, n, k, transposeA, transposeB, accumulate);
        var a = Random(m * k, seed);
        var b = Random(k * n, seed + 1);
        var initial = Random(m * n, seed + 2);
        var expected = (float[])initial.Clone();
        var actual = (float[])initial.Clone();

        new NaiveGemm().Multiply(a, b, expected, m, n, k, transposeA, transposeB, accumulate);
        gemm.Multiply(a, b, actual, m, n, k, transposeA, transposeB, accumulate);

        // Operands lie in [-1, 1]: float rounding grows at most with k·sqrt(k)·eps, while any missing,
        // doubled or misplaced product changes an element by about 0.1 or more.
        var tolerance = 1e-5 + (4e-7 * k * Math.Sqrt(k));
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(expected[i] - actual[i]);
            if (!(error <= tolerance))
            {
                Assert.Fail(
                    $"{gemm.Name}: m={m} n={n} k={k} transposeA={transposeA} transposeB={transposeB} " +
                    $"accumulate={accumulate}: C[{i / n},{i % n}] = {actual[i]}, naive {expected[i]} (tolerance {tolerance}).");
            }
        }
    }

    public static IEnumerable<(bool TransposeA, bool TransposeB)> TransposeForms()
    {
        yield return (false, false);
        yield return (true, false);
        yield return (false, true);
        yield return (true, true);
    }
}
