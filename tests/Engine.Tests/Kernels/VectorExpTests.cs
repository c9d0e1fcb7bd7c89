using System.Runtime.Intrinsics;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

public sealed class VectorExpTests
{
    [Fact]
    public void Matches_double_precision_exp_within_a_few_ulp_over_the_float_range()
    {
        var worst = 0.0;
        var worstAt = 0f;
        var lanes = new float[8];
        for (var x = -87.0; x <= 88.5; x += 0.0137)
        {
            for (var lane = 0; lane < 8; lane++)
            {
                lanes[lane] = (float)(x + (lane * 0.0017));
            }

            var result = VectorExp.Exp(Vector256.Create(lanes));
            for (var lane = 0; lane < 8; lane++)
            {
                var expected = Math.Exp(lanes[lane]);
                var error = Math.Abs(result[lane] - expected) / expected;
                if (error > worst)
                {
                    (worst, worstAt) = (error, lanes[lane]);
                }
            }
        }

        Assert.True(worst < 3 * Math.Pow(2, -23), $"worst relative error {worst:E3} at x = {worstAt}");
    }

    [Fact]
    public void Edges_give_one_infinity_nan_and_a_tiny_value_below_the_range()
    {
        var result = VectorExp.Exp(Vector256.Create(0f, 100f, float.PositiveInfinity, float.NaN, -1000f, float.NegativeInfinity, 1f, -1f));

        Assert.Equal(1f, result[0]);
        Assert.Equal(float.PositiveInfinity, result[1]);
        Assert.Equal(float.PositiveInfinity, result[2]);
        Assert.True(float.IsNaN(result[3]));
        Assert.InRange(result[4], 0f, 1.5e-38f);
        Assert.InRange(result[5], 0f, 1.5e-38f);
        Assert.Equal(MathF.E, result[6], 6);
        Assert.Equal(1 / MathF.E, result[7], 6);
    }

    [Fact]
    public void The_non_positive_exp_equals_the_full_one_bit_for_bit_on_both_widths()
    {
        // Every x ≤ 0 the softmax can pass: a fine sweep of the range, the clamp's edge, the subnormal results below
        // e^−87.33, −0, the smallest negatives and −∞.
        var inputs = new List<float> { 0f, -0f, -float.Epsilon, -1e-30f, -1e-7f, -87.3365447f, -87.3365f, -87.34f, -100f, -1e30f, float.MinValue, float.NegativeInfinity };
        for (var x = -104.0; x <= 0; x += 0.00731)
        {
            inputs.Add((float)x);
        }

        while (inputs.Count % 16 != 0)
        {
            inputs.Add(-1f);
        }

        var values = inputs.ToArray();
        for (var i = 0; i < values.Length; i += 16)
        {
            var wide = Vector512.Create(values.AsSpan(i, 16));
            Assert.Equal(VectorExp.Exp(wide).AsInt32(), VectorExp.ExpNonPositive(wide).AsInt32());
            for (var half = 0; half < 16; half += 8)
            {
                var narrow = Vector256.Create(values.AsSpan(i + half, 8));
                Assert.Equal(VectorExp.Exp(narrow).AsInt32(), VectorExp.ExpNonPositive(narrow).AsInt32());
            }
        }
    }
}
