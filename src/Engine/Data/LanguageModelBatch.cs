namespace HyperSweep.Engine.Data;

/// <summary>
/// A language-model batch: <see cref="Targets"/> are <see cref="Inputs"/> shifted by one token.
/// Arrays are batch-major (row b, step t at <c>b * Length + t</c>). <see cref="Mask"/> is 1 where the
/// target is a real token; the per-token loss is multiplied by it.
/// When <see cref="ContinuesPrevious"/> is true, row b continues row b of the previous batch in the
/// same stream, so the model should start from the hidden state it ended with (detached: truncated BPTT).
/// </summary>
public sealed class LanguageModelBatch
{
    public LanguageModelBatch(int batchSize, int length, int[] inputs, int[] targets, float[] mask, bool continuesPrevious)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var size = batchSize * length;
        if (inputs.Length != size || targets.Length != size || mask.Length != size)
        {
            throw new ArgumentException($"inputs, targets and mask must hold batchSize * length = {size} values");
        }

        BatchSize = batchSize;
        Length = length;
        Inputs = inputs;
        Targets = targets;
        Mask = mask;
        ContinuesPrevious = continuesPrevious;
    }

    public int BatchSize { get; }

    public int Length { get; }

    public int[] Inputs { get; }

    public int[] Targets { get; }

    public float[] Mask { get; }

    public bool ContinuesPrevious { get; }

    /// <summary>Number of real target tokens (the denominator of the mean token NLL).</summary>
    public int TokenCount
    {
        get
        {
            var count = 0;
            foreach (var m in Mask)
            {
                if (m != 0f)
                {
                    count++;
                }
            }

            return count;
        }
    }
}
