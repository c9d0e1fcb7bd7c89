namespace HyperSweep.Engine.Layers;

/// <summary>
/// Variants of a recurrent cell. Each cell has an input bias b_x and a recurrent bias b_h (PyTorch's two biases);
/// either may be left out (then it is zero). <see cref="InputBiasName"/> lets a single-bias cell call it "b" (ORACLE.md's alias).
/// </summary>
public sealed record CellOptions(
    Activation Activation = Activation.Tanh,
    GruReset Reset = GruReset.After,
    bool InputBias = true,
    bool RecurrentBias = true,
    string InputBiasName = "b_x")
{
    public static CellOptions Default { get; } = new();
}
