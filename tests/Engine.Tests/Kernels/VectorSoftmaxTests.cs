using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Tests.Kernels;

public sealed class VectorSoftmaxTests
{
    // Vector widths: AVX-512 (where the CPU has it; else the same as AVX2), AVX2, scalar.
    private static readonly int[] Widths = [16, 8, 1];

    [Theory]
    [InlineData(1, -1)]
    [InlineData(7, 3)]
    [InlineData(2047, 100)]
    [InlineData(2048, 2047)]
    [InlineData(2049, 2048)]   // the maximum alone in a second chunk
    [InlineData(10000, 9999)]  // the maximum in the last chunk: every earlier chunk is rescaled
    [InlineData(10000, 0)]     // the maximum in the first chunk
    public void Agrees_with_a_double_precision_softmax_on_every_path(int length, int peakAt)
    {
        var row = GemmCheck.Random(length, length);
        for (var i = 0; i < length; i++)
        {
            row[i] *= 20f;
        }

        if (peakAt >= 0)
        {
            row[peakAt] = 40f;
        }

        var max = row.Max();
        var sum = row.Sum(x => Math.Exp(x - max));
        foreach (var width in Widths)
        {
            var probabilities = new float[length];
            var logSumExp = VectorSoftmax.Softmax(row, probabilities, 0.5, width);

            Assert.Equal(max + Math.Log(sum), logSumExp, 1e-4);
            for (var i = 0; i < length; i++)
            {
                // A float argument x − shift is rounded to about 6e-8·|x − shift|, which exp turns into that relative error.
                var expected = 0.5 * Math.Exp(row[i] - max) / sum;
                var tolerance = (1e-6 + (1.2e-7 * Math.Abs(row[i] - max))) * expected;
                Assert.True(Math.Abs(probabilities[i] - expected) <= tolerance, $"width {width}: p[{i}] = {probabilities[i]}, expected {expected}");
            }
        }
    }

    [Fact]
    public void The_output_may_be_the_row_itself()
    {
        var row = GemmCheck.Random(5000, 3);
        var separate = new float[row.Length];
        foreach (var width in Widths)
        {
            var inPlace = (float[])row.Clone();
            var expected = VectorSoftmax.Softmax(row, separate, 0.25, width);
            Assert.Equal(expected, VectorSoftmax.Softmax(inPlace, inPlace, 0.25, width));
            Assert.Equal(separate, inPlace);
        }
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_nan_or_infinite_logit_makes_the_result_nan(float bad)
    {
        foreach (var position in new[] { 0, 3000, 4999 })
        {
            var row = GemmCheck.Random(5000, 7);
            row[position] = bad;
            foreach (var width in Widths)
            {
                Assert.True(float.IsNaN(VectorSoftmax.Softmax(row, new float[row.Length], 1.0, width)), $"{bad} at {position}, width {width}");
            }
        }
    }

    [Fact]
    public void Outputs_of_another_length_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => VectorSoftmax.Softmax(new float[3], new float[2], 1.0));
    }
}
