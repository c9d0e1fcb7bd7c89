using HyperSweep.Engine.Models;

namespace HyperSweep.Engine.Tests.Models;

/// <summary>Small hand-made batches with padding of different lengths (including 1 and T).</summary>
internal static class TinyBatches
{
    /// <summary>3 examples of lengths 4, 1 and 2 over T = 4; pad positions hold −1.</summary>
    public static ModelBatch Classification(int vocabulary, int classes)
    {
        int[] tokens = [1, 2, 3, vocabulary - 1, 4, -1, -1, -1, 0, 5, -1, -1];
        float[] mask = [1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 0, 0];
        return new ModelBatch(3, 4, tokens, mask, Labels: [0, classes - 1, 1 % classes]);
    }

    /// <summary>2 sequences of 5 tokens with next-token targets; the last target of the second row is masked out.</summary>
    public static ModelBatch LanguageModel(int vocabulary)
    {
        int[] tokens = [1, 2, 3, 4, 5, 6, 0, 2, 2, vocabulary - 1];
        int[] targets = [2, 3, 4, 5, 6, 0, 2, 2, vocabulary - 1, -1];
        float[] mask = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0];
        return new ModelBatch(2, 5, tokens, mask, Targets: targets);
    }
}
