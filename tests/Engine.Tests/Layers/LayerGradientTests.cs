using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Tests.Autodiff;

namespace HyperSweep.Engine.Tests.Layers;

public sealed class LayerGradientTests
{
    private readonly Random _random = new(21);

    [Fact]
    public void Linear_on_rows_and_on_sequences()
    {
        var layer = new Linear("W", "b", 3, 4, new Random(1));
        var rows = GradientChecker.Random(_random, -1, 1, 5, 3);
        var sequences = GradientChecker.Random(_random, -1, 1, 2, 3, 3);
        GradientChecker.Check(() => layer.Forward(rows), [rows, layer.Weight, layer.Bias!]);
        GradientChecker.Check(() => layer.Forward(sequences), [sequences, layer.Weight, layer.Bias!]);
    }

    [Fact]
    public void Embedding_lookup()
    {
        var embedding = new Embedding("embedding", 6, 3, new Random(2));
        GradientChecker.Check(() => embedding.Forward([0, 5, 5, -1], 2, 2), [embedding.Table]);
    }

    public static TheoryData<CellKind, string> Cells => new()
    {
        { CellKind.Elman, "tanh" },
        { CellKind.Elman, "relu" },
        { CellKind.Lstm, "tanh" },
        { CellKind.Gru, "after" },
        { CellKind.Gru, "before" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Cell_step_in_input_state_and_every_weight(CellKind kind, string variant)
    {
        var options = variant switch
        {
            "relu" => new CellOptions(Activation.Relu),
            "before" => new CellOptions(Reset: GruReset.Before),
            _ => CellOptions.Default,
        };
        var cell = RecurrentCell.Create(kind, "cell.", 3, 4, new Random(3), options);
        var x = GradientChecker.Random(_random, -1, 1, 2, 3);
        var h = GradientChecker.Random(_random, -1, 1, 2, 4);
        var c = GradientChecker.Random(_random, -1, 1, 2, 4);
        var inputs = new List<Tensor> { x, h };
        if (cell.HasMemory)
        {
            inputs.Add(c);
        }

        inputs.AddRange(cell.Parameters);
        GradientChecker.Check(
            () =>
            {
                var next = cell.Step(cell.ProjectInputs(x), new CellState(h, cell.HasMemory ? c : null));
                return next.Memory is null ? next.Hidden : Tensor.Concat(next.Hidden, next.Memory);
            },
            inputs);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Fused_step_with_a_row_mask_in_inputs_state_and_weights(CellKind kind, string variant)
    {
        var cell = RecurrentCell.Create(kind, "cell.", 3, 4, new Random(3), Options(variant));
        var projected = GradientChecker.Random(_random, -1, 1, 3, 2, cell.Gates * 4);
        var state = GradientChecker.Random(_random, -1, 1, 3, cell.StateWidth);
        var inputs = new List<Tensor> { projected, state, cell.RecurrentWeight, cell.RecurrentBias! };
        GradientChecker.Check(() => cell.FusedStep(projected, 1, state, [1f, 0f, 1f]), inputs);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Fused_step_of_the_first_rows_only_in_inputs_state_and_weights(CellKind kind, string variant)
    {
        var cell = RecurrentCell.Create(kind, "cell.", 3, 4, new Random(3), Options(variant));
        var projected = GradientChecker.Random(_random, -1, 1, 3, 2, cell.Gates * 4);
        var state = GradientChecker.Random(_random, -1, 1, 3, cell.StateWidth);
        var inputs = new List<Tensor> { projected, state, cell.RecurrentWeight, cell.RecurrentBias! };
        GradientChecker.Check(() => cell.FusedStep(projected, 1, state, null, activeRows: 2), inputs);
        GradientChecker.Check(() => cell.FusedStep(projected, 0, state, null, activeRows: 0), [projected, state]);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Fused_step_of_the_first_rows_equals_the_masked_step(CellKind kind, string variant)
    {
        var cell = RecurrentCell.Create(kind, "cell.", 3, 4, new Random(3), Options(variant));
        var projected = GradientChecker.Random(_random, -1, 1, 3, 2, cell.Gates * 4);
        var state = GradientChecker.Random(_random, -1, 1, 3, cell.StateWidth);
        var masked = cell.FusedStep(projected, 1, state, [1f, 1f, 0f]);
        var firstRows = cell.FusedStep(projected, 1, state, null, activeRows: 2);
        AssertClose(masked.Data, firstRows.Data);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Fused_step_equals_the_composed_reference(CellKind kind, string variant)
    {
        var cell = RecurrentCell.Create(kind, "cell.", 3, 4, new Random(3), Options(variant));
        var x = GradientChecker.Random(_random, -1, 1, 2, 3);
        var h = GradientChecker.Random(_random, -1, 1, 2, 4);
        var c = GradientChecker.Random(_random, -1, 1, 2, 4);
        var start = new CellState(h, cell.HasMemory ? c : null);
        var projected = cell.ProjectInputs(x);
        var composed = cell.Step(projected, start);
        var fused = cell.Unpack(cell.FusedStep(projected.Reshape(2, 1, cell.Gates * 4), 0, cell.Pack(start), null));
        AssertClose(composed.Hidden.Data, fused.Hidden.Data);
        if (cell.HasMemory)
        {
            AssertClose(composed.Memory!.Data, fused.Memory!.Data);
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

    private static CellOptions Options(string variant)
    {
        return variant switch
        {
            "relu" => new CellOptions(Activation.Relu),
            "before" => new CellOptions(Reset: GruReset.Before),
            _ => CellOptions.Default,
        };
    }

    [Theory]
    [InlineData(CellKind.Elman)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Bidirectional_two_layer_rnn_over_unsorted_lengths_with_padding_to_skip(CellKind kind)
    {
        // Lengths 1, 4, 2 in four steps: the rows are reordered longest first and half the positions are padding,
        // so the input projections run on the real positions only.
        var rnn = new Rnn(kind, 3, 2, 2, bidirectional: true, dropout: 0f, new Random(4));
        var x = GradientChecker.Random(_random, -1, 1, 3, 4, 3);
        float[] mask = [1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0];
        var inputs = new List<Tensor> { x };
        inputs.AddRange(rnn.Parameters);
        GradientChecker.Check(
            () =>
            {
                var result = rnn.Forward(x, mask, null, null);
                return Tensor.Concat([result.Outputs.Reshape(3, 4 * 4), .. result.Final.Select(s => s.Hidden)]);
            },
            inputs);
    }

    [Theory]
    [InlineData(CellKind.Elman)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void One_rnn_run_over_two_sequences_in_one_graph_sums_both_weight_gradients(CellKind kind)
    {
        // Each step's dW_h is collected and computed at the end of the backward pass; the second sequence's steps add
        // more rows to the same weight than the first one's buffers were sized for.
        var rnn = new Rnn(kind, 3, 2, 1, bidirectional: false, dropout: 0f, new Random(5));
        var first = GradientChecker.Random(_random, -1, 1, 1, 2, 3);
        var second = GradientChecker.Random(_random, -1, 1, 2, 3, 3);
        var inputs = new List<Tensor> { first, second };
        inputs.AddRange(rnn.Parameters);
        GradientChecker.Check(
            () => Tensor.Concat(
                rnn.Forward(first, null, null, null).Final[0].Hidden.Reshape(1, 2),
                rnn.Forward(second, null, null, null).Final[0].Hidden.Reshape(1, 4)),
            inputs);
    }

    public static TheoryData<CellKind, string> MaskedRuns => new()
    {
        { CellKind.Elman, "right" },
        { CellKind.Lstm, "right" },
        { CellKind.Gru, "right" },
        { CellKind.Elman, "left" },
        { CellKind.Lstm, "left" },
        { CellKind.Gru, "left" },
    };

    /// <summary>
    /// Right padding (lengths 2 and 3, dropout between the layers): the rows run longest first. Left padding is not a
    /// length order: each step blends the rows by the mask instead.
    /// </summary>
    [Theory]
    [MemberData(nameof(MaskedRuns))]
    public void Bidirectional_two_layer_rnn_with_a_mask(CellKind kind, string padding)
    {
        var right = padding == "right";
        var rnn = new Rnn(kind, 3, 2, 2, bidirectional: true, dropout: right ? 0.3f : 0f, new Random(4));
        var x = GradientChecker.Random(_random, -1, 1, 2, 3, 3);
        float[] mask = right ? [1, 1, 0, 1, 1, 1] : [0, 1, 1, 1, 1, 1];
        var inputs = new List<Tensor> { x };
        inputs.AddRange(rnn.Parameters);
        GradientChecker.Check(
            () =>
            {
                var result = rnn.Forward(x, mask, null, right ? new Random(6) : null);
                return Tensor.Concat(result.Final.Select(s => s.Hidden).ToArray());
            },
            inputs);
    }
}
