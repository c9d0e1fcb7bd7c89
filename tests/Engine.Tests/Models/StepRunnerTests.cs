using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;

namespace HyperSweep.Engine.Tests.Models;

public sealed class StepRunnerTests
{
    public static TheoryData<string> Models => new() { "dan", "nplm", "birnn", "lstm_lm" };

    [Theory]
    [MemberData(nameof(Models))]
    public void Steps_in_an_arena_give_exactly_the_plain_results_and_reuse_their_buffers(string kind)
    {
        var (plainModel, plainBatch) = Build(kind);
        var (arenaModel, arenaBatch) = Build(kind);
        var plainOptimizer = new Adam(((Module)plainModel).Parameters, 0.01f, clipNorm: 1f);
        var runner = new StepRunner(arenaModel, new Adam(((Module)arenaModel).Parameters, 0.01f, clipNorm: 1f));
        var buffers = new List<int>();
        for (var step = 0; step < 4; step++)
        {
            plainOptimizer.ZeroGrad();
            var plainLoss = plainModel.Loss(plainBatch, new Random(step));
            plainLoss.Backward();
            plainOptimizer.Step();
            var arenaLoss = runner.Train(arenaBatch, new Random(step));
            Assert.Equal(plainLoss.Item(), arenaLoss);
            buffers.Add(runner.Arena.BufferCount);
        }

        foreach (var (plain, arena) in ((Module)plainModel).Parameters.Zip(((Module)arenaModel).Parameters))
        {
            Assert.Equal(plain.Data, arena.Data);
        }

        Assert.Equal(buffers[1], buffers[3]);
        Assert.Equal(plainModel.Evaluate(plainBatch), runner.Evaluate(arenaBatch));
    }

    [Fact]
    public void A_non_finite_loss_is_returned_without_an_update()
    {
        var model = new Dan(9, 4, [5], 3, new Random(3));
        model.Parameters[0].Data[1] = float.NaN;
        var before = model.Parameters.Select(p => (float[])p.Data.Clone()).ToArray();
        var runner = new StepRunner(model, new Sgd(model.Parameters, 0.1f));
        Assert.True(float.IsNaN(runner.Train(TinyBatches.Classification(9, 3), null)));
        for (var i = 1; i < before.Length; i++)
        {
            Assert.Equal(before[i], model.Parameters[i].Data);
        }
    }

    private static (IModel Model, ModelBatch Batch) Build(string kind)
    {
        var random = new Random(42);
        return kind switch
        {
            "dan" => (new Dan(9, 4, [5, 3], 3, random, wordDropout: 0.2f, dropout: 0.2f), TinyBatches.Classification(9, 3)),
            "nplm" => (new Nplm(9, 3, 2, 4, random, direct: true, dropout: 0.1f), ModelBatch.Dense(3, 2, [1, 2, 3, 4, 8, 0], labels: [5, 6, 7])),
            "birnn" => (new RnnClassifier(9, 3, 4, 2, 2, CellKind.Gru, random, bidirectional: true, dropout: 0.2f), TinyBatches.Classification(9, 2)),
            _ => (new RnnLanguageModel(9, 3, 4, 2, CellKind.Lstm, random, dropout: 0.2f), TinyBatches.LanguageModel(9)),
        };
    }
}
