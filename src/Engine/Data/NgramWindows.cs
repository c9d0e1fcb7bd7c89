namespace HyperSweep.Engine.Data;

/// <summary>
/// Every position of a token stream as an n-gram training example: the <c>context</c> previous tokens
/// predict the token. Positions before the start of the stream read as <c>&lt;eos&gt;</c>, the same
/// "start of sentence" context a PTB line gets from the line before it.
/// </summary>
public sealed class NgramWindows
{
    private readonly int[] _stream;

    public NgramWindows(int[] stream, int context)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Length == 0)
        {
            throw new EngineException("cannot make n-gram windows from an empty stream");
        }

        if (context < 1)
        {
            throw new EngineException($"context must be >= 1, got {context}");
        }

        _stream = stream;
        Context = context;
    }

    public int Context { get; }

    /// <summary>One example per stream position.</summary>
    public int Count => _stream.Length;

    /// <summary>All windows in stream order, for evaluation.</summary>
    public IReadOnlyList<NgramBatch> InOrder(int batchSize) => Cut(null, batchSize);

    /// <summary>All windows in a random order drawn from <paramref name="random"/>, for training.</summary>
    public IReadOnlyList<NgramBatch> Shuffled(int batchSize, System.Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Cut(MathNet.Numerics.Combinatorics.GeneratePermutation(_stream.Length, random), batchSize);
    }

    private List<NgramBatch> Cut(int[]? order, int batchSize)
    {
        if (batchSize < 1)
        {
            throw new EngineException($"batch_size must be >= 1, got {batchSize}");
        }

        var batches = new List<NgramBatch>((_stream.Length + batchSize - 1) / batchSize);
        for (var start = 0; start < _stream.Length; start += batchSize)
        {
            var count = Math.Min(batchSize, _stream.Length - start);
            var contexts = new int[count * Context];
            var targets = new int[count];
            for (var b = 0; b < count; b++)
            {
                var position = order is null ? start + b : order[start + b];
                targets[b] = _stream[position];
                for (var k = 0; k < Context; k++)
                {
                    var source = position - Context + k;
                    contexts[b * Context + k] = source >= 0 ? _stream[source] : Vocabulary.EndOfSentenceId;
                }
            }

            batches.Add(new NgramBatch(count, Context, contexts, targets));
        }

        return batches;
    }
}
