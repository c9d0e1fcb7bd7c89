namespace HyperSweep.Engine.Training;

/// <summary>Whether a larger or a smaller metric value is better.</summary>
public enum ObjectiveDirection
{
    Minimize,
    Maximize,
}
