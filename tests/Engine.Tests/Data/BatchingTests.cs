using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tests.Data;

public sealed class BatchingTests
{
    private static EncodedExample[] Examples(params int[] lengths) =>
        [.. lengths.Select((length, i) => new EncodedExample([.. Enumerable.Range(10 * i + 3, length)], i % 2))];

    [Fact]
    public void A_batch_is_padded_to_its_longest_sentence_with_a_mask()
    {
        var batch = ClassificationBatch.From([new EncodedExample([5, 6, 7], 1), new EncodedExample([8], 0)]);

        Assert.Equal((2, 3), (batch.BatchSize, batch.Length));
        Assert.Equal([5, 6, 7, 8, Vocabulary.PadId, Vocabulary.PadId], batch.TokenIds);
        Assert.Equal([1f, 1f, 1f, 1f, 0f, 0f], batch.Mask);
        Assert.Equal([3, 1], batch.Lengths);
        Assert.Equal([1, 0], batch.Labels);
        Assert.Equal([6, 7, Vocabulary.PadId, 8], batch.LastTokens(2));
    }

    [Fact]
    public void Evaluation_batches_keep_data_order_and_cover_every_example_once()
    {
        var examples = Examples(3, 1, 4, 1, 5);
        var batcher = new ClassificationBatcher(examples, batchSize: 2);

        var batches = batcher.InOrder();

        Assert.Equal(3, batches.Count);
        Assert.Equal([2, 2, 1], batches.Select(batch => batch.BatchSize));
        Assert.Equal([3, 1, 4, 1, 5], batches.SelectMany(batch => batch.Lengths));
    }

    [Fact]
    public void Shuffled_epochs_are_permutations_determined_by_the_seed()
    {
        var examples = Examples([.. Enumerable.Range(0, 200).Select(i => 1 + (i * 7 % 23))]);
        var batcher = new ClassificationBatcher(examples, batchSize: 8);

        var first = Flatten(batcher.Shuffled(SeedMixer.Generator(5, 1)));
        var again = Flatten(batcher.Shuffled(SeedMixer.Generator(5, 1)));
        var other = Flatten(batcher.Shuffled(SeedMixer.Generator(5, 2)));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(examples.Select(e => e.TokenIds[0]).Order(), first.Order());
    }

    [Fact]
    public void Bucketing_reduces_padding_compared_with_plain_shuffling()
    {
        var examples = Examples([.. Enumerable.Range(0, 400).Select(i => 1 + (i * 13 % 40))]);

        static long Padding(IEnumerable<ClassificationBatch> batches) => batches.Sum(b => (long)b.Mask.Count(m => m == 0f));

        var bucketed = Padding(new ClassificationBatcher(examples, 16, bucketByLength: true).Shuffled(SeedMixer.Generator(1)));
        var plain = Padding(new ClassificationBatcher(examples, 16, bucketByLength: false).Shuffled(SeedMixer.Generator(1)));

        Assert.True(bucketed * 4 < plain, $"bucketed padding {bucketed}, plain {plain}");
    }

    [Fact]
    public void Stream_batching_matches_pytorch_batchify_and_get_batch()
    {
        // 0..22 in 3 columns of 7 (the last 2 tokens dropped), bptt 4: segments of 4 then 2 steps.
        var stream = Enumerable.Range(0, 23).ToArray();

        var batches = LanguageModelBatcher.Stream(stream, batchSize: 3, bptt: 4);

        Assert.Equal(2, batches.Count);
        Assert.Equal([0, 1, 2, 3, 7, 8, 9, 10, 14, 15, 16, 17], batches[0].Inputs);
        Assert.Equal([1, 2, 3, 4, 8, 9, 10, 11, 15, 16, 17, 18], batches[0].Targets);
        Assert.Equal([4, 5, 11, 12, 18, 19], batches[1].Inputs);
        Assert.Equal([5, 6, 12, 13, 19, 20], batches[1].Targets);
        Assert.False(batches[0].ContinuesPrevious);
        Assert.True(batches[1].ContinuesPrevious);
        Assert.Equal(6, batches[1].TokenCount);
    }

    [Fact]
    public void Stream_too_short_for_the_batch_size_is_an_error()
    {
        var error = Assert.ThrowsAny<EngineException>(() => LanguageModelBatcher.Stream([1, 2, 3], batchSize: 2, bptt: 5));
        Assert.Contains("batch_size 2", error.Message);
    }

    [Fact]
    public void Sentence_batches_predict_every_token_from_an_eos_start_with_padding_masked()
    {
        var batches = LanguageModelBatcher.Sentences([[5, 6, 2], [7, 2]], batchSize: 2);

        var batch = Assert.Single(batches);
        Assert.Equal([2, 5, 6, 2, 7, 0], batch.Inputs);
        Assert.Equal([5, 6, 2, 7, 2, 0], batch.Targets);
        Assert.Equal([1f, 1f, 1f, 1f, 1f, 0f], batch.Mask);
        Assert.Equal(5, batch.TokenCount);
    }

    [Fact]
    public void Ngram_windows_give_each_position_its_preceding_context_padded_with_eos()
    {
        var windows = new NgramWindows([10, 11, 12, 13], context: 2);

        var batches = windows.InOrder(batchSize: 3);

        Assert.Equal([2, 2, 2, 10, 10, 11], batches[0].Contexts);
        Assert.Equal([10, 11, 12], batches[0].Targets);
        Assert.Equal([11, 12], batches[1].Contexts);
        Assert.Equal([13], batches[1].Targets);
        var shuffled = windows.Shuffled(3, SeedMixer.Generator(3)).SelectMany(b => b.Targets).Order();
        Assert.Equal([10, 11, 12, 13], shuffled);
    }

    [Fact]
    public void Seed_mixer_separates_streams_and_is_stable()
    {
        Assert.Equal(SeedMixer.Mix(7, 1, 2), SeedMixer.Mix(7, 1, 2));
        Assert.NotEqual(SeedMixer.Mix(7, 1, 2), SeedMixer.Mix(7, 2, 1));
        Assert.NotEqual(SeedMixer.Mix(7, 1), SeedMixer.Mix(8, 1));
    }

    private static int[] Flatten(IEnumerable<ClassificationBatch> batches) =>
        [.. batches.SelectMany(batch => Enumerable.Range(0, batch.BatchSize).Select(b => batch.TokenIds[b * batch.Length]))];
}
