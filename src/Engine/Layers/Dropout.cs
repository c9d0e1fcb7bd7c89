namespace HyperSweep.Engine.Layers;

/// <summary>Inverted dropout with probability p; the identity when p = 0 or no generator is given (evaluation).</summary>
public sealed class Dropout
{
    public Dropout(float probability)
    {
        if (!(probability >= 0f && probability < 1f))
        {
            throw new EngineException($"dropout: must be in [0, 1), got {probability}.");
        }

        Probability = probability;
    }

    public float Probability { get; }

    public Tensor Forward(Tensor x, Random? random)
    {
        return random is null || Probability == 0f ? x : x.Dropout(Probability, random);
    }
}
