namespace HyperSweep.Grains.Planning;

/// <summary>Parses and validates sweep spec text; throws <see cref="SweepSpecException"/> with every error found.</summary>
public interface ISweepPlanFactory
{
    ISweepPlan Create(string specText, string sourceName);
}
