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
    [InlineData(CellKind.Elman)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Bidirectional_two_layer_rnn_with_a_mask_and_dropout(CellKind kind)
    {
        var rnn = new Rnn(kind, 3, 2, 2, bidirectional: true, dropout: 0.3f, new Random(4));
        var x = GradientChecker.Random(_random, -1, 1, 2, 3, 3);
        float[] mask = [1, 1, 0, 1, 1, 1];
        var inputs = new List<Tensor> { x };
        inputs.AddRange(rnn.Parameters);
        GradientChecker.Check(
            () =>
            {
                var result = rnn.Forward(x, mask, null, new Random(6));
                return Tensor.Concat(result.Final.Select(s => s.Hidden).ToArray());
            },
            inputs);
    }
}
