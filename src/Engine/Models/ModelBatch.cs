namespace HyperSweep.Engine.Models;

/// <summary>
/// One batch as the models consume it: plain arrays, batch-major, so any loader's batch converts trivially.
/// <list type="bullet">
/// <item><c>Tokens</c> [B·T] row-major token ids (position t of example b at b·T + t); padding may be any id.</item>
/// <item><c>Mask</c> [B·T]: 1 = real token, 0 = padding (classifiers), or the loss weight of each target (language models).</item>
/// <item><c>Labels</c> [B]: the class of each example (Dan, RnnClassifier) or the next word (Nplm, whose Tokens are the
/// T = n context words, farthest first).</item>
/// <item><c>Targets</c> [B·T]: the next token at every position (RnnLanguageModel).</item>
/// </list>
/// </summary>
public sealed record ModelBatch(int BatchSize, int Length, int[] Tokens, float[] Mask, int[]? Labels = null, int[]? Targets = null)
{
    /// <summary>A batch with every position real (mask all ones).</summary>
    public static ModelBatch Dense(int batchSize, int length, int[] tokens, int[]? labels = null, int[]? targets = null)
    {
        var mask = new float[batchSize * length];
        Array.Fill(mask, 1f);
        return new ModelBatch(batchSize, length, tokens, mask, labels, targets);
    }

    /// <summary>Checks the array lengths against B and T; the message names the array.</summary>
    public void Validate(string model, bool needsLabels, bool needsTargets)
    {
        if (BatchSize <= 0 || Length <= 0)
        {
            throw new EngineException($"{model}: batch of size {BatchSize} × {Length} is empty.");
        }

        var cells = BatchSize * Length;
        Require(model, nameof(Tokens), Tokens.Length, cells);
        Require(model, nameof(Mask), Mask.Length, cells);
        if (needsLabels)
        {
            if (Labels is null)
            {
                throw new EngineException($"{model}: the batch has no Labels.");
            }

            Require(model, nameof(Labels), Labels.Length, BatchSize);
        }

        if (needsTargets)
        {
            if (Targets is null)
            {
                throw new EngineException($"{model}: the batch has no Targets.");
            }

            Require(model, nameof(Targets), Targets.Length, cells);
        }
    }

    private static void Require(string model, string field, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new EngineException($"{model}: batch field {field} has {actual} entries, expected {expected}.");
        }
    }
}
