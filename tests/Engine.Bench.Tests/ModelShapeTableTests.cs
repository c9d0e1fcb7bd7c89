namespace HyperSweep.Engine.Bench.Tests;

/// <summary>
/// The shapes-table reader against the rules ../shared/bench/bench.py applies to the same file: both sides must
/// accept the same rows, build the same models and count the same FLOPs, and refuse bad cells with file:line errors.
/// </summary>
public sealed class ModelShapeTableTests
{
    private const string Header = """
        | model | vocab | emb | hidden | layers | direction | classes | batch | sequence | optimizer | lr | clip |
        |---|---|---|---|---|---|---|---|---|---|---|---|
        """;

    private static IReadOnlyList<ModelShape> Parse(string row) => ModelShapeTable.Parse(Header + "\n" + row + "\n", "shapes.md");

    [Theory]
    [InlineData("| dan_x | 100 | 8 | 99999999999,4 | 2 | - | 2 | 4 | padded to 6 | adam | 1e-3 | - |", "hidden")]
    [InlineData("| dan_x | 100 | 8 | 4 | 2 | - | 2 | 4 | padded to 99999999999 | adam | 1e-3 | - |", "sequence")]
    [InlineData("| dan_x | 100 | 8 | 4 | 2 | - | 2 | 4 | lengths 1..99999999999 | adam | 1e-3 | - |", "sequence")]
    [InlineData("| dan_x | 99999999999 | 8 | 4 | 2 | - | 2 | 4 | padded to 6 | adam | 1e-3 | - |", "vocab")]
    [InlineData("| dan_x | 100 | 8 | 4 | 2 | - | 2 | 4 | padded to 6 | adam | 1e99 | - |", "lr")]
    [InlineData("| dan_x | 100 | 8 | 4 | 2 | - | 2 | 4 | padded to 6 | adam | 1e-3 | Infinity |", "clip")]
    public void An_oversized_number_is_an_error_naming_file_line_and_column(string row, string column)
    {
        var error = Assert.Throws<ArgumentException>(() => Parse(row));

        Assert.StartsWith($"shapes.md:3: column '{column}' = ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("300,300 (ReLU)", "relu")]
    [InlineData("300,300 (relu)", "relu")]
    [InlineData("300,300 (tanh)", "tanh")]
    [InlineData("300,300", "tanh")]
    public void Dan_uses_relu_only_when_the_hidden_cell_says_relu(string hidden, string activation)
    {
        var shape = Parse($"| dan_x | 100 | 8 | {hidden} | 2 | - | 2 | 4 | padded to 6 | adam | 1e-3 | - |").Single();

        Assert.Equal(activation, shape.HiddenActivation);
    }

    [Fact]
    public void A_multi_layer_language_model_counts_every_layers_recurrence()
    {
        var shape = Parse("| lstm_lm_x | 50 | 6 | 8 | 3 | uni | softmax over vocab | 2 | bptt 5 | sgd | 1.0 | 5.0 |").Single();

        var workload = ModelWorkload.Create(shape);

        // bench.py: 3 · 2·B·T·(Σ_layers g·(in·H + H·H) + H·V), in = E for the first layer, H above it; g = 4 (LSTM).
        const double recurrence = (4 * ((6 * 8) + (8 * 8))) + (2 * 4 * ((8 * 8) + (8 * 8)));
        Assert.Equal(3 * 2.0 * 2 * 5 * (recurrence + (8 * 50)), workload.FlopsPerStep);
    }
}
