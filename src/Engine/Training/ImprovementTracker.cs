using HyperSweep.Search;
namespace HyperSweep.Engine.Training;

/// <summary>
/// Follows the best value of a metric over epochs and how many epochs in a row brought no improvement
/// (by more than a minimum delta). Early stopping and learning-rate decay on plateau each keep one; the
/// state is three numbers, saved in checkpoints.
/// </summary>
public sealed class ImprovementTracker
{
    private readonly Objective _objective;
    private readonly double _minDelta;

    public ImprovementTracker(Objective objective, double minDelta = 0)
    {
        _objective = objective ?? throw new ArgumentNullException(nameof(objective));
        _minDelta = minDelta;
    }

    public double? Best { get; private set; }

    public int? BestEpoch { get; private set; }

    /// <summary>Epochs since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>Records an epoch's value; true when it is a new best.</summary>
    public bool Observe(int epoch, double value)
    {
        if (_objective.IsImprovement(value, Best, _minDelta))
        {
            Best = value;
            BestEpoch = epoch;
            EpochsWithoutImprovement = 0;
            return true;
        }

        EpochsWithoutImprovement++;
        return false;
    }

    /// <summary>Starts a new count of epochs without improvement (after the learning rate was decayed).</summary>
    public void ResetPatience() => EpochsWithoutImprovement = 0;

    /// <summary>Restores a saved state (checkpoint resume).</summary>
    public void Restore(double? best, int? bestEpoch, int epochsWithoutImprovement)
    {
        Best = best;
        BestEpoch = bestEpoch;
        EpochsWithoutImprovement = epochsWithoutImprovement;
    }
}
