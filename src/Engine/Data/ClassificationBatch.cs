namespace HyperSweep.Engine.Data;

/// <summary>
/// A batch of sentences padded to the longest one. Arrays are batch-major: token t of row b is at
/// <c>b * Length + t</c>. <see cref="Mask"/> is 1 for a real token and 0 for padding (padding id is
/// <see cref="Vocabulary.PadId"/>); sentences are left-aligned, so row b's last real token is at
/// <c>Lengths[b] - 1</c>.
/// </summary>
public sealed class ClassificationBatch
{
    public ClassificationBatch(int batchSize, int length, int[] tokenIds, float[] mask, int[] lengths, int[] labels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if (tokenIds.Length != batchSize * length || mask.Length != batchSize * length)
        {
            throw new ArgumentException($"token ids and mask must hold batchSize * length = {batchSize * length} values");
        }

        if (lengths.Length != batchSize || labels.Length != batchSize)
        {
            throw new ArgumentException($"lengths and labels must hold batchSize = {batchSize} values");
        }

        BatchSize = batchSize;
        Length = length;
        TokenIds = tokenIds;
        Mask = mask;
        Lengths = lengths;
        Labels = labels;
    }

    public int BatchSize { get; }

    /// <summary>Padded length: the longest sentence in the batch.</summary>
    public int Length { get; }

    public int[] TokenIds { get; }

    public float[] Mask { get; }

    /// <summary>The real length of each row.</summary>
    public int[] Lengths { get; }

    public int[] Labels { get; }

    /// <summary>Pads and stacks examples in the given order.</summary>
    public static ClassificationBatch From(IReadOnlyList<EncodedExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new ArgumentException("a batch needs at least one example", nameof(examples));
        }

        var length = examples.Max(example => example.TokenIds.Length);
        if (length == 0)
        {
            throw new ArgumentException("a batch needs at least one token", nameof(examples));
        }

        var tokenIds = new int[examples.Count * length];
        var mask = new float[examples.Count * length];
        var lengths = new int[examples.Count];
        var labels = new int[examples.Count];
        for (var b = 0; b < examples.Count; b++)
        {
            var ids = examples[b].TokenIds;
            ids.CopyTo(tokenIds, b * length);
            mask.AsSpan(b * length, ids.Length).Fill(1f);
            lengths[b] = ids.Length;
            labels[b] = examples[b].Label;
        }

        return new ClassificationBatch(examples.Count, length, tokenIds, mask, lengths, labels);
    }

    /// <summary>
    /// The last <paramref name="context"/> real tokens of every row, left-padded with
    /// <see cref="Vocabulary.PadId"/> when a sentence is shorter: the n-gram window a feed-forward (NPLM)
    /// classifier sees just before the position it predicts. Batch-major, <c>BatchSize * context</c> ids.
    /// </summary>
    public int[] LastTokens(int context)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(context, 1);
        var window = new int[BatchSize * context];
        for (var b = 0; b < BatchSize; b++)
        {
            var end = Lengths[b];
            for (var k = 0; k < context; k++)
            {
                var source = end - context + k;
                window[b * context + k] = source >= 0 ? TokenIds[b * Length + source] : Vocabulary.PadId;
            }
        }

        return window;
    }
}
