namespace HyperSweep.Engine.Training;

/// <summary>The three numbers of an <see cref="ImprovementTracker"/>.</summary>
internal sealed record TrackerState(double? Best, int? BestEpoch, int EpochsWithoutImprovement)
{
    public static TrackerState Of(ImprovementTracker tracker) => new(tracker.Best, tracker.BestEpoch, tracker.EpochsWithoutImprovement);

    public void ApplyTo(ImprovementTracker tracker) => tracker.Restore(Best, BestEpoch, EpochsWithoutImprovement);
}
