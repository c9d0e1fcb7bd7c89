using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;

namespace HyperSweep.Engine.Tests.Models;

/// <summary>
/// With a <see cref="StepRunner"/>, a training step after warm-up allocates no buffer of the model's size:
/// only small bookkeeping (graph nodes, shapes). Measured with the thread's allocation counter.
/// </summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(CellKind.Elman)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void A_language_model_step_reuses_its_buffers(CellKind cell)
    {
        const int vocabulary = 3000, batch = 8, length = 12;
        var random = new Random(1);
        var model = new RnnLanguageModel(vocabulary, 16, 32, 1, cell, random);
        var runner = new StepRunner(model, new Sgd(model.Parameters, 0.1f, clipNorm: 5f));
        var tokens = Enumerable.Range(0, batch * length).Select(i => (i * 37) % vocabulary).ToArray();
        var data = ModelBatch.Dense(batch, length, tokens, targets: tokens.Select(t => (t + 1) % vocabulary).ToArray());
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            runner.Train(data, null);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        const int steps = 5;
        for (var step = 0; step < steps; step++)
        {
            runner.Train(data, null);
        }

        var perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;
        var logitsBytes = (long)batch * length * vocabulary * sizeof(float);
        Assert.True(perStep < logitsBytes / 20, $"{perStep} bytes allocated per step; the logits alone are {logitsBytes}.");
    }

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void A_plain_loss_backward_step_loop_also_reuses_buffers_through_the_model(CellKind cell)
    {
        const int vocabulary = 3000, batch = 8, length = 12;
        var model = new RnnLanguageModel(vocabulary, 16, 32, 2, cell, new Random(1));
        var optimizer = new Adam(model.Parameters, clipNorm: 1f);
        var tokens = Enumerable.Range(0, batch * length).Select(i => (i * 37) % vocabulary).ToArray();
        var data = ModelBatch.Dense(batch, length, tokens, targets: tokens.Select(t => (t + 1) % vocabulary).ToArray());
        void Step()
        {
            optimizer.ZeroGrad();
            var loss = model.Loss(data, null);
            Assert.True(float.IsFinite(loss.Item()));
            loss.Backward();
            optimizer.Step();
            model.Evaluate(data);
        }

        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            Step();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var step = 0; step < 5; step++)
        {
            Step();
        }

        var perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 5;
        var logitsBytes = (long)batch * length * vocabulary * sizeof(float);
        Assert.True(perStep < logitsBytes / 10, $"{perStep} bytes allocated per step and evaluation; the logits alone are {logitsBytes}.");
    }

    [Fact]
    public void A_dan_step_reuses_its_buffers()
    {
        var model = new Dan(5000, 32, [32], 2, new Random(2));
        var runner = new StepRunner(model, new Adam(model.Parameters));
        var batch = TinyBatches.Classification(5000, 2);
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            runner.Train(batch, null);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var step = 0; step < 5; step++)
        {
            runner.Train(batch, null);
        }

        var perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 5;
        Assert.True(perStep < 5000 * 32 * sizeof(float) / 4, $"{perStep} bytes allocated per step.");
    }
}
