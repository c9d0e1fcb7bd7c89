using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Tests.Autodiff;

namespace HyperSweep.Engine.Tests.Layers;

public sealed class LengthOrderTests
{
    [Fact]
    public void Right_padded_rows_are_ordered_longest_first_and_ties_keep_their_order()
    {
        // Lengths 2, 3, 2, 1 over three steps.
        float[] mask = [1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0];
        var order = LengthOrder.FromMask(mask, 4, 3)!;
        Assert.False(order.IsIdentity);
        Assert.Equal([4, 3, 1], Enumerable.Range(0, 3).Select(order.ActiveRows));
        var rows = Tensor.FromArray([0f, 1f, 2f, 3f], 4, 1);
        Assert.Equal([1f, 0f, 2f, 3f], order.Sort(rows).Data);
        Assert.Equal(rows.Data, order.Restore(order.Sort(rows)).Data);
    }

    [Fact]
    public void Rows_already_longest_first_need_no_reordering()
    {
        Assert.True(LengthOrder.FromMask([1, 1, 1, 0], 2, 2)!.IsIdentity);
    }

    [Theory]
    [InlineData(new[] { 0f, 1f, 1f, 1f })]    // padding on the left
    [InlineData(new[] { 1f, 0f, 1f, 1f })]    // a hole
    [InlineData(new[] { 1f, 0.5f, 1f, 1f })]  // a weight other than 0 or 1
    public void Any_other_mask_has_no_length_order(float[] mask)
    {
        Assert.Null(LengthOrder.FromMask(mask, 1, 4));
    }

    [Fact]
    public void Real_positions_are_padded_with_zero_rows_to_a_whole_number_of_batch_rows()
    {
        // Lengths 1 and 2 of 4 steps, so sorted: the length-2 row, then the length-1 row. 3 real positions, padded to
        // 4 rows; spread back, the padding reads zeros. The rows given are in sorted order already.
        var order = LengthOrder.FromMask([1, 0, 0, 0, 1, 1, 0, 0], 2, 4)!;
        var flat = Tensor.FromArray([.. Enumerable.Range(1, 8).Select(i => (float)i)], 8, 1);
        var real = order.RealPositions(flat);
        Assert.Equal([1f, 2f, 5f, 0f], real.Data);
        Assert.Equal([1f, 2f, 0f, 0f, 5f, 0f, 0f, 0f], order.SpreadOverSteps(real).Data);
        Assert.True(order.HasPadding);
    }

    public static TheoryData<CellKind> Kinds => [CellKind.Elman, CellKind.Lstm, CellKind.Gru];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_padded_batch_gives_every_example_what_it_gets_alone(CellKind kind)
    {
        int[] lengths = [2, 5, 1, 5, 3];
        const int Steps = 5;
        var rnn = new Rnn(kind, 3, 4, 2, bidirectional: true, dropout: 0f, new Random(8));
        var x = GradientChecker.Random(new Random(9), -1, 1, lengths.Length, Steps, 3);
        var mask = lengths.SelectMany(length => Enumerable.Range(0, Steps).Select(t => t < length ? 1f : 0f)).ToArray();
        var batch = rnn.Forward(x, mask, null, null);
        for (var b = 0; b < lengths.Length; b++)
        {
            var alone = Tensor.FromArray(x.Data.AsSpan(b * Steps * 3, lengths[b] * 3).ToArray(), 1, lengths[b], 3);
            var result = rnn.Forward(alone, null, null, null);
            for (var i = 0; i < result.Final.Count; i++)
            {
                AssertClose(result.Final[i].Hidden.Data, batch.Final[i].Hidden.Data.AsSpan(b * 4, 4).ToArray());
            }

            AssertClose(result.Outputs.Data, batch.Outputs.Data.AsSpan(b * Steps * 8, lengths[b] * 8).ToArray());
        }
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }
    }
}
