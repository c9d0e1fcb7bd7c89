using MathNet.Numerics;

namespace HyperSweep.Engine.Data;

/// <summary>
/// Cuts a classification set into padded batches. Training order is shuffled per epoch from a seed;
/// with length bucketing, examples of similar length share a batch (less padding, less wasted work)
/// while the batch order stays random.
/// </summary>
public sealed class ClassificationBatcher
{
    /// <summary>How many batches' worth of shuffled examples are sorted by length together.</summary>
    public const int BucketBatches = 20;

    private readonly IReadOnlyList<EncodedExample> _examples;

    public ClassificationBatcher(IReadOnlyList<EncodedExample> examples, int batchSize, bool bucketByLength = true)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new EngineException("cannot batch an empty data set");
        }

        if (batchSize < 1)
        {
            throw new EngineException($"batch_size must be >= 1, got {batchSize}");
        }

        _examples = examples;
        BatchSize = batchSize;
        BucketByLength = bucketByLength;
    }

    public int BatchSize { get; }

    public bool BucketByLength { get; }

    public int ExampleCount => _examples.Count;

    /// <summary>Number of batches in one pass (the last may be smaller).</summary>
    public int BatchCount => (_examples.Count + BatchSize - 1) / BatchSize;

    /// <summary>Batches of one shuffled training epoch; the same random source state gives the same batches.</summary>
    public IReadOnlyList<ClassificationBatch> Shuffled(System.Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var order = Combinatorics.GeneratePermutation(_examples.Count, random);
        if (!BucketByLength)
        {
            return Cut(order);
        }

        var chunk = BatchSize * BucketBatches;
        for (var start = 0; start < order.Length; start += chunk)
        {
            var count = Math.Min(chunk, order.Length - start);
            // A stable sort keeps the shuffled order among equal lengths, so buckets stay random.
            var sorted = order.AsSpan(start, count).ToArray()
                .OrderBy(index => _examples[index].TokenIds.Length)
                .ToArray();
            sorted.CopyTo(order, start);
        }

        var batches = Cut(order);
        var batchOrder = Combinatorics.GeneratePermutation(batches.Count, random);
        return [.. batchOrder.Select(index => batches[index])];
    }

    /// <summary>Batches in data order, for evaluation (results do not depend on the shuffle).</summary>
    public IReadOnlyList<ClassificationBatch> InOrder() => Cut([.. Enumerable.Range(0, _examples.Count)]);

    private List<ClassificationBatch> Cut(int[] order)
    {
        var batches = new List<ClassificationBatch>(BatchCount);
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var count = Math.Min(BatchSize, order.Length - start);
            var members = new EncodedExample[count];
            for (var i = 0; i < count; i++)
            {
                members[i] = _examples[order[start + i]];
            }

            batches.Add(ClassificationBatch.From(members));
        }

        return batches;
    }
}
