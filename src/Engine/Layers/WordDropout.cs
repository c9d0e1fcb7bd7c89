namespace HyperSweep.Engine.Layers;

/// <summary>
/// DAN's word dropout (Iyyer et al. 2015): each real token is left out of the average with probability p.
/// An example never loses all its tokens: if every one was dropped, its original mask is kept.
/// </summary>
public sealed class WordDropout
{
    public WordDropout(float probability)
    {
        if (!(probability >= 0f && probability < 1f))
        {
            throw new EngineException($"word_dropout: must be in [0, 1), got {probability}.");
        }

        Probability = probability;
    }

    public float Probability { get; }

    /// <summary>A new mask [B·T] with dropped tokens zeroed (the input mask is returned unchanged when inactive).</summary>
    public float[] Apply(float[] mask, int batchSize, int length, Random? random)
    {
        if (random is null || Probability == 0f)
        {
            return mask;
        }

        var result = (float[])mask.Clone();
        for (var b = 0; b < batchSize; b++)
        {
            var kept = 0;
            for (var t = 0; t < length; t++)
            {
                var i = (b * length) + t;
                if (result[i] != 0f)
                {
                    if (random.NextDouble() < Probability)
                    {
                        result[i] = 0f;
                    }
                    else
                    {
                        kept++;
                    }
                }
            }

            if (kept == 0)
            {
                Array.Copy(mask, b * length, result, b * length, length);
            }
        }

        return result;
    }
}
