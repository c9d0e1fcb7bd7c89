namespace HyperSweep.Engine.Data;

/// <summary>
/// Batching for language models. <see cref="Stream"/> follows PyTorch's word_language_model: the token
/// stream is cut into <c>batchSize</c> contiguous columns (the remainder dropped) and read in segments of
/// <c>bptt</c> steps, so each row of a segment continues the same row of the previous segment and the
/// hidden state can be carried across. <see cref="Sentences"/> batches independent sentences with padding.
/// </summary>
public static class LanguageModelBatcher
{
    /// <summary>Concatenates sentences (each already ending with <c>&lt;eos&gt;</c>) into one stream.</summary>
    public static int[] Concatenate(IEnumerable<int[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        return [.. sentences.SelectMany(sentence => sentence)];
    }

    /// <summary>
    /// Truncated-BPTT segments over a continuous stream. Column b holds tokens
    /// <c>[b * n, (b + 1) * n)</c> with <c>n = stream.Length / batchSize</c>; segment i covers steps
    /// <c>[i * bptt, min((i + 1) * bptt, n - 1))</c> with targets one step later.
    /// </summary>
    public static IReadOnlyList<LanguageModelBatch> Stream(int[] stream, int batchSize, int bptt)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (batchSize < 1)
        {
            throw new EngineException($"batch_size must be >= 1, got {batchSize}");
        }

        if (bptt < 1)
        {
            throw new EngineException($"bptt must be >= 1, got {bptt}");
        }

        var columnLength = stream.Length / batchSize;
        if (columnLength < 2)
        {
            throw new EngineException(
                $"a stream of {stream.Length} tokens is too short for batch_size {batchSize}: each of the {batchSize} columns needs at least 2 tokens");
        }

        var batches = new List<LanguageModelBatch>((columnLength - 1 + bptt - 1) / bptt);
        for (var start = 0; start < columnLength - 1; start += bptt)
        {
            var length = Math.Min(bptt, columnLength - 1 - start);
            var inputs = new int[batchSize * length];
            var targets = new int[batchSize * length];
            for (var b = 0; b < batchSize; b++)
            {
                var column = b * columnLength + start;
                stream.AsSpan(column, length).CopyTo(inputs.AsSpan(b * length));
                stream.AsSpan(column + 1, length).CopyTo(targets.AsSpan(b * length));
            }

            var mask = new float[batchSize * length];
            mask.AsSpan().Fill(1f);
            batches.Add(new LanguageModelBatch(batchSize, length, inputs, targets, mask, continuesPrevious: start > 0));
        }

        return batches;
    }

    /// <summary>
    /// Independent sentences (each ending with <c>&lt;eos&gt;</c>) in padded batches, in the given order.
    /// The input of a sentence is <c>&lt;eos&gt;</c> followed by all its tokens but the last, the target is
    /// the sentence, so every real token, the first included, is predicted once.
    /// </summary>
    public static IReadOnlyList<LanguageModelBatch> Sentences(IReadOnlyList<int[]> sentences, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (batchSize < 1)
        {
            throw new EngineException($"batch_size must be >= 1, got {batchSize}");
        }

        var batches = new List<LanguageModelBatch>();
        for (var start = 0; start < sentences.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, sentences.Count - start);
            var length = 0;
            for (var i = 0; i < count; i++)
            {
                length = Math.Max(length, sentences[start + i].Length);
            }

            if (length == 0)
            {
                throw new EngineException($"sentences {start}..{start + count - 1} are all empty");
            }

            var inputs = new int[count * length];
            var targets = new int[count * length];
            var mask = new float[count * length];
            for (var b = 0; b < count; b++)
            {
                var sentence = sentences[start + b];
                if (sentence.Length == 0)
                {
                    continue;
                }

                inputs[b * length] = Vocabulary.EndOfSentenceId;
                sentence.AsSpan(0, sentence.Length - 1).CopyTo(inputs.AsSpan(b * length + 1));
                sentence.CopyTo(targets.AsSpan(b * length));
                mask.AsSpan(b * length, sentence.Length).Fill(1f);
            }

            batches.Add(new LanguageModelBatch(count, length, inputs, targets, mask, continuesPrevious: false));
        }

        return batches;
    }
}
