namespace HyperSweep.Engine.Layers;

/// <summary>The nonlinearity of an Elman cell or of DAN's hidden layers.</summary>
public enum Activation
{
    Tanh,
    Relu,
}
