using HyperSweep.Engine.Analysis;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using static HyperSweep.Engine.Tests.Training.TrainingFixtures;

namespace HyperSweep.Engine.Tests.Analysis;

public sealed class GradientProbeTests
{
    private static readonly Dictionary<string, object?> ElmanLm = Parameters(
        ("arch", "rnn"), ("cell", "elman"), ("embedding_dim", 8), ("hidden_size", 8), ("layers", 2), ("batch_size", 4), ("bptt", 6), ("lr", 0.01), ("dropout", 0.1));

    private static readonly Dictionary<string, object?> GruClassifier = Parameters(
        ("arch", "rnn"), ("cell", "gru"), ("embedding_dim", 8), ("hidden_size", 8), ("batch_size", 16), ("lr", 0.01), ("dropout", 0.2));

    [Theory]
    [InlineData(TaskKind.LanguageModel)]
    [InlineData(TaskKind.Classification)]
    public async Task Recording_gradients_changes_no_metric_and_gives_a_profile_per_epoch_and_layer(TaskKind kind)
    {
        var task = Agreement(kind);
        var parameters = kind == TaskKind.LanguageModel ? ElmanLm : GruClassifier;

        var plain = await TrialRunner.RunAsync(Request(task, parameters, maxEpochs: 3));
        var recorded = await TrialRunner.RunAsync(Request(task, parameters, maxEpochs: 3) with { RecordGradients = true });

        Assert.Equal(plain.Epochs, recorded.Epochs.Select(m => m with { Gradients = null }));
        Assert.All(plain.Epochs, m => Assert.Null(m.Gradients));
        foreach (var epoch in recorded.Epochs)
        {
            var profile = epoch.Gradients!;
            Assert.Equal(kind == TaskKind.LanguageModel ? "elman" : "gru", profile.Cell);
            Assert.Equal(kind == TaskKind.LanguageModel ? 2 : 1, profile.Layers.Count);
            Assert.All(profile.Layers, layer => Assert.All(layer, norm => Assert.True(norm > 0 && double.IsFinite(norm))));
            if (kind == TaskKind.LanguageModel)
            {
                Assert.All(profile.Layers, layer => Assert.Equal(6, layer.Count)); // one per step of the bptt window
            }
        }
    }

    [Fact]
    public void The_tap_changes_no_parameter_gradient_and_leaves_them_cleared()
    {
        var setup = TrialRunner.Prepare(Request(Agreement(TaskKind.LanguageModel), ElmanLm, maxEpochs: 1));
        var batch = setup.Batches.ValidationBatches()[0];

        var profile = GradientProbe.Measure(setup.Model, batch)!;

        Assert.All(setup.Model.Parameters, p => Assert.True(p.Grad is null || p.Grad.All(g => g == 0), $"{p.Name} kept a gradient"));
        // The gradient reaching the state at the loss position is the largest an Elman network's gets: it only shrinks
        // going back through tanh and W_h at this scale of weights.
        Assert.Equal(profile.Layers[1][0], profile.Layers[1].Max());
    }

    [Fact]
    public void A_model_without_recurrence_has_no_profile()
    {
        var setup = TrialRunner.Prepare(Request(Agreement(TaskKind.Classification), Parameters(("arch", "dan"), ("embedding_dim", 8), ("hidden_size", 8)), maxEpochs: 1));

        Assert.Null(GradientProbe.Measure(setup.Model, setup.Batches.ValidationBatches()[0]));
    }
}
