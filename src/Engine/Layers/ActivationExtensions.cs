namespace HyperSweep.Engine.Layers;

/// <summary>Applies an <see cref="Activation"/> to a tensor.</summary>
public static class ActivationExtensions
{
    public static Tensor Apply(this Activation activation, Tensor x)
    {
        return activation == Activation.Relu ? x.Relu() : x.Tanh();
    }
}
