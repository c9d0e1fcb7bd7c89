using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tests.Autodiff;

namespace HyperSweep.Engine.Tests.Models;

/// <summary>Every model's loss, gradient-checked against finite differences in every parameter at tiny sizes.</summary>
public sealed class ModelGradientTests
{
    private const int Vocabulary = 9;

    [Theory]
    [InlineData(Activation.Relu, 0f)]
    [InlineData(Activation.Tanh, 0.3f)]
    public void Dan(Activation activation, float dropout)
    {
        var model = new Dan(Vocabulary, 4, [5, 3], 3, new Random(1), activation, wordDropout: dropout, dropout: dropout);
        var batch = TinyBatches.Classification(Vocabulary, 3);
        // Small ReLU inputs: a small step keeps central differences off the kink; float32 noise then needs 3e-2.
        GradientChecker.Check(() => model.Loss(batch, dropout > 0 ? new Random(11) : null), model.Parameters, epsilon: 1e-3, tolerance: 3e-2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Nplm(bool direct)
    {
        var model = new Nplm(Vocabulary, 3, 2, 4, new Random(2), direct);
        var batch = ModelBatch.Dense(3, 2, [1, 2, 3, 4, 8, 0], labels: [5, 6, 7]);
        GradientChecker.Check(() => model.Loss(batch, null), model.Parameters);
    }

    public static TheoryData<CellKind, bool, int, string> ClassifierVariants => new()
    {
        { CellKind.Elman, true, 2, "tanh" },
        { CellKind.Elman, false, 1, "relu" },
        { CellKind.Lstm, true, 2, "tanh" },
        { CellKind.Lstm, false, 1, "tanh" },
        { CellKind.Gru, true, 1, "after" },
        { CellKind.Gru, false, 2, "before" },
    };

    [Theory]
    [MemberData(nameof(ClassifierVariants))]
    public void RnnClassifier(CellKind cell, bool bidirectional, int layers, string variant)
    {
        var options = Variant(variant);
        var model = new RnnClassifier(Vocabulary, 3, 4, layers, 2, cell, new Random(3), bidirectional, options: options);
        var batch = TinyBatches.Classification(Vocabulary, 2);
        GradientChecker.Check(() => model.Loss(batch, null), model.Parameters);
    }

    [Theory]
    [InlineData(CellKind.Elman, 2, "relu")]
    [InlineData(CellKind.Lstm, 2, "tanh")]
    [InlineData(CellKind.Gru, 1, "after")]
    [InlineData(CellKind.Gru, 1, "before")]
    public void RnnLanguageModel(CellKind cell, int layers, string variant)
    {
        var model = new RnnLanguageModel(Vocabulary, 3, 4, layers, cell, new Random(4), options: Variant(variant));
        var batch = TinyBatches.LanguageModel(Vocabulary);
        GradientChecker.Check(
            () =>
            {
                model.ResetState();
                return model.Loss(batch, null);
            },
            model.Parameters);
    }

    [Fact]
    public void Rnn_language_model_with_dropout_and_a_single_bias()
    {
        var options = new CellOptions(RecurrentBias: false, InputBiasName: "b");
        var model = new RnnLanguageModel(Vocabulary, 3, 4, 2, CellKind.Lstm, new Random(5), dropout: 0.25f, options: options);
        Assert.Contains(model.Parameters, p => p.Name == "layer1.b");
        Assert.DoesNotContain(model.Parameters, p => p.Name.EndsWith("b_h", StringComparison.Ordinal));
        var batch = TinyBatches.LanguageModel(Vocabulary);
        GradientChecker.Check(
            () =>
            {
                model.ResetState();
                return model.Loss(batch, new Random(8));
            },
            model.Parameters);
    }

    private static CellOptions Variant(string variant)
    {
        return variant switch
        {
            "relu" => new CellOptions(Activation.Relu),
            "before" => new CellOptions(Reset: GruReset.Before),
            _ => CellOptions.Default,
        };
    }
}
