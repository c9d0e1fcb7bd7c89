using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Training;

public sealed class HyperParametersTests
{
    [Fact]
    public void Defaults_are_those_of_the_contract()
    {
        var p = HyperParameters.Parse(Parameters(), TaskKind.Classification);

        Assert.Equal((64, 128, 1, 2), (p.EmbeddingDim, p.HiddenSize, p.Layers, p.HiddenLayers));
        Assert.Equal((OptimizerKind.Adam, 1e-3, 32, 35), (p.Optimizer, p.LearningRate, p.BatchSize, p.Bptt));
        Assert.Equal((4, false, false), (p.Context, p.Direct, p.Bidirectional));
        Assert.Equal((0.0, 0.0, 0.0, 0.0, 1.0, 0), (p.Dropout, p.WordDropout, p.Momentum, p.WeightDecay, p.LrDecay, p.LrPatience));
        Assert.Null(p.Clip);
        Assert.Equal((Activation.Tanh, GruReset.After), (p.Activation, p.GruReset));
    }

    [Fact]
    public void Values_are_read_typed_or_from_strings()
    {
        var p = HyperParameters.Parse(
            Parameters(("arch", "rnn"), ("cell", "gru"), ("gru_reset", "before"), ("hidden_size", "32"), ("lr", "0.5"), ("clip", 0.25f),
                ("bidirectional", "true"), ("optimizer", "sgd"), ("momentum", 0.9), ("dropout", 0.3m)),
            TaskKind.Classification);

        Assert.Equal((Architecture.Rnn, CellKind.Gru, GruReset.Before, 32), (p.Arch, p.Cell, p.GruReset, p.HiddenSize));
        Assert.Equal((0.5, 0.25, true, OptimizerKind.Sgd, 0.9), (p.LearningRate, p.Clip!.Value, p.Bidirectional, p.Optimizer, p.Momentum));
        Assert.Equal(0.3, p.Dropout, 12);
        Assert.Empty(p.Ignored);
    }

    [Fact]
    public void Parameters_that_do_not_apply_to_the_architecture_are_listed_as_ignored()
    {
        var p = HyperParameters.Parse(Parameters(("arch", "dan"), ("cell", "lstm"), ("bptt", 20), ("word_dropout", 0.2)), TaskKind.Classification);

        Assert.Equal(["bptt", "cell"], p.Ignored);
    }

    [Theory]
    [InlineData("learning_rate", "0.1", "parameters.learning_rate: unknown hyper-parameter; accepted: arch, cell,")]
    [InlineData("arch", "cnn", "parameters.arch: 'cnn' is not one of the choices")]
    [InlineData("cell", "rnn", "parameters.cell: 'rnn' is not one of the choices (accepted: one of elman, lstm, gru)")]
    [InlineData("lr", "-1", "parameters.lr: '-1' is out of range (accepted: a number > 0)")]
    [InlineData("lr", "fast", "parameters.lr: 'fast' is not a finite number (accepted: a number > 0)")]
    [InlineData("dropout", "1", "parameters.dropout: '1' is out of range (accepted: a number in [0, 1))")]
    [InlineData("layers", "0", "parameters.layers: '0' is out of range (accepted: an integer in 1..100)")]
    [InlineData("batch_size", "2.5", "parameters.batch_size: '2.5' is not a whole number (accepted: an integer in 1..1000000)")]
    [InlineData("lr_decay", "1.5", "parameters.lr_decay: '1.5' is out of range (accepted: a number in (0, 1])")]
    [InlineData("weight_decay", "-0.1", "parameters.weight_decay: '-0.1' is out of range (accepted: a number >= 0)")]
    [InlineData("clip", "0", "parameters.clip: '0' is out of range (accepted: a number > 0)")]
    [InlineData("bidirectional", "maybe", "parameters.bidirectional: 'maybe' is not true or false")]
    public void Unknown_names_and_bad_values_name_the_parameter_and_what_is_accepted(string name, string value, string expected)
    {
        var error = Assert.ThrowsAny<EngineException>(() => HyperParameters.Parse(Parameters((name, value)), TaskKind.Classification));

        Assert.StartsWith(expected, error.Message);
    }
}
