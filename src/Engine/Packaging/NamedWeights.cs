namespace HyperSweep.Engine.Packaging;

/// <summary>One parameter of a saved model: its name in the model (<c>layer0.W_h</c>) and its values in model order.</summary>
public sealed record NamedWeights(string Name, float[] Values);
