namespace HyperSweep.Engine.Layers;

/// <summary>Seeded weight initialisation (the generator is a MathNet.Numerics source handed in by the model's owner).</summary>
public static class Initializer
{
    /// <summary>Values uniform in [−bound, bound].</summary>
    public static float[] Uniform(Random random, float bound, int size)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new float[size];
        for (var i = 0; i < size; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * bound);
        }

        return values;
    }

    /// <summary>PyTorch's default for Linear and RNN weights: uniform ±1/sqrt(fan).</summary>
    public static float[] UniformFanIn(Random random, int fan, int size)
    {
        return Uniform(random, 1f / MathF.Sqrt(Math.Max(1, fan)), size);
    }
}
