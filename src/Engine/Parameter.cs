namespace HyperSweep.Engine;

/// <summary>A named trainable tensor owned by a layer. Its gradient buffer exists from the start.</summary>
public sealed class Parameter : Tensor
{
    public Parameter(string name, float[] data, params int[] shape)
        : base(data, shape)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        RequiresGrad = true;
        Grad = new float[Size];
    }

    /// <summary>Dotted name, unique within a model ("layer0.fwd.W_x", "embedding").</summary>
    public string Name { get; }

    public override string ToString()
    {
        return $"Parameter {Name}{Describe(Shape)}";
    }
}
