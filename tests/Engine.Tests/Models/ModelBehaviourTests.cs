using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;

namespace HyperSweep.Engine.Tests.Models;

public sealed class ModelBehaviourTests
{
    [Theory]
    [InlineData(CellKind.Elman)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Extra_padding_does_not_change_a_bidirectional_classifier(CellKind cell)
    {
        var model = new RnnClassifier(9, 3, 4, 2, 2, cell, new Random(1), bidirectional: true);
        var shortBatch = TinyBatches.Classification(9, 2);
        var (b, t) = (shortBatch.BatchSize, shortBatch.Length);
        var padded = 3;
        var tokens = new int[b * (t + padded)];
        var mask = new float[b * (t + padded)];
        Array.Fill(tokens, 7);   // a real id in the padding: it must still be ignored
        for (var i = 0; i < b; i++)
        {
            Array.Copy(shortBatch.Tokens, i * t, tokens, i * (t + padded), t);
            Array.Copy(shortBatch.Mask, i * t, mask, i * (t + padded), t);
        }

        var longBatch = new ModelBatch(b, t + padded, tokens, mask, shortBatch.Labels);
        using var scope = new NoGradScope();
        Assert.Equal(model.Logits(shortBatch, null).Data, model.Logits(longBatch, null).Data);
    }

    [Theory]
    [InlineData(CellKind.Elman)]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    public void Carried_state_makes_two_windows_equal_one_long_window(CellKind cell)
    {
        var model = new RnnLanguageModel(9, 3, 4, 2, cell, new Random(2));
        int[] tokens = [1, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3];   // 2 rows × 6
        var whole = ModelBatch.Dense(2, 6, tokens, targets: tokens);
        var first = ModelBatch.Dense(2, 3, [1, 2, 3, 7, 8, 0], targets: [1, 2, 3, 7, 8, 0]);
        var second = ModelBatch.Dense(2, 3, [4, 5, 6, 1, 2, 3], targets: [4, 5, 6, 1, 2, 3]);
        using var scope = new NoGradScope();
        model.ResetState();
        var expected = model.Logits(whole, null).Data;
        model.ResetState();
        var a = model.Logits(first, null).Data;
        var c = model.Logits(second, null).Data;
        var v = 9;
        for (var row = 0; row < 2; row++)
        {
            for (var step = 0; step < 6; step++)
            {
                var source = step < 3 ? a : c;
                var offset = ((row * 3) + (step % 3)) * v;
                for (var j = 0; j < v; j++)
                {
                    Assert.Equal(expected[(((row * 6) + step) * v) + j], source[offset + j], 5);
                }
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_different_ones()
    {
        var a = new RnnLanguageModel(9, 3, 4, 1, CellKind.Lstm, new MathNet.Numerics.Random.Xoshiro256StarStar(5));
        var b = new RnnLanguageModel(9, 3, 4, 1, CellKind.Lstm, new MathNet.Numerics.Random.Xoshiro256StarStar(5));
        var c = new RnnLanguageModel(9, 3, 4, 1, CellKind.Lstm, new MathNet.Numerics.Random.Xoshiro256StarStar(6));
        Assert.Equal(a.Parameters.Select(p => p.Name), b.Parameters.Select(p => p.Name));
        Assert.All(a.Parameters.Zip(b.Parameters), pair => Assert.Equal(pair.First.Data, pair.Second.Data));
        Assert.NotEqual(a.Parameters[0].Data, c.Parameters[0].Data);
    }

    [Fact]
    public void Evaluation_sums_match_the_training_loss_and_count_targets()
    {
        var model = new Dan(9, 4, [5], 3, new Random(3));
        var batch = TinyBatches.Classification(9, 3);
        var loss = model.Loss(batch, null).Item();
        var sums = model.Evaluate(batch);
        Assert.Equal(3, sums.Count);
        Assert.Equal(loss, sums.MeanLoss, 5);
        Assert.InRange(sums.Correct, 0, 3);

        var lm = new RnnLanguageModel(9, 3, 4, 1, CellKind.Gru, new Random(4));
        var lmBatch = TinyBatches.LanguageModel(9);
        var lmLoss = lm.Loss(lmBatch, null).Item();
        lm.ResetState();
        var lmSums = lm.Evaluate(lmBatch);
        Assert.Equal(9, lmSums.Count);
        Assert.Equal(lmLoss, lmSums.MeanLoss, 5);
        Assert.Equal(Math.Exp(lmSums.MeanLoss), lmSums.Perplexity, 9);
    }

    [Fact]
    public void Dropout_is_off_in_evaluation_and_reproducible_with_the_same_generator()
    {
        var model = new Dan(9, 4, [5], 3, new Random(3), wordDropout: 0.3f, dropout: 0.5f);
        var batch = TinyBatches.Classification(9, 3);
        var one = model.Loss(batch, new Random(17)).Item();
        var two = model.Loss(batch, new Random(17)).Item();
        var plain = model.Loss(batch, null).Item();
        Assert.Equal(one, two);
        Assert.NotEqual(plain, one);
        Assert.Equal(plain, model.Evaluate(batch).MeanLoss, 5);
    }

    [Fact]
    public void A_batch_with_wrong_array_lengths_is_rejected_by_field()
    {
        var model = new Dan(9, 4, [5], 3, new Random(3));
        var batch = new ModelBatch(2, 3, new int[6], new float[5], [0, 1]);
        var error = Assert.ThrowsAny<EngineException>(() => model.Loss(batch, null));
        Assert.Contains("Mask", error.Message);
        var noLabels = ModelBatch.Dense(2, 3, new int[6]);
        Assert.Contains("Labels", Assert.ThrowsAny<EngineException>(() => model.Loss(noLabels, null)).Message);
    }
}
