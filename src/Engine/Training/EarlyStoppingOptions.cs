namespace HyperSweep.Engine.Training;

/// <summary>
/// Stop when the objective has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs in a row; optionally put back the weights of the best epoch at the end.
/// </summary>
public sealed record EarlyStoppingOptions(int Patience, double MinDelta = 0, bool RestoreBestWeights = true)
{
    public void Validate()
    {
        if (Patience < 0)
        {
            throw new EngineException($"early_stopping.patience: must be >= 0, got {Patience}");
        }

        if (!(MinDelta >= 0))
        {
            throw new EngineException($"early_stopping.min_delta: must be >= 0, got {MinDelta}");
        }
    }
}
