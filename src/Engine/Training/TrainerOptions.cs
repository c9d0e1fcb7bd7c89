using HyperSweep.Search;
namespace HyperSweep.Engine.Training;

/// <summary>
/// How a <see cref="Trainer"/> runs: the epoch budget, the objective (best epoch, early stopping, plateau),
/// optional early stopping, learning-rate decay on plateau (<c>lr_decay</c> &lt; 1 multiplies the rate once
/// the objective has not improved for more than <c>lr_patience</c> epochs), and the seed that fixes data
/// order and dropout. <see cref="RecordGradients"/> turns on the once-per-epoch <see cref="Analysis.GradientProbe"/>
/// (one extra forward and backward pass on the first validation batch; it changes no metric).
/// </summary>
public sealed record TrainerOptions(
    int MaxEpochs,
    Objective Objective,
    int Seed,
    EarlyStoppingOptions? EarlyStopping = null,
    double LrDecay = 1,
    int LrPatience = 0,
    bool RecordGradients = false)
{
    public void Validate()
    {
        if (MaxEpochs < 1)
        {
            throw new EngineException($"max_epochs: must be >= 1, got {MaxEpochs}");
        }

        if (!(LrDecay > 0 && LrDecay <= 1))
        {
            throw new EngineException($"lr_decay: must be in (0, 1], got {LrDecay}");
        }

        if (LrPatience < 0)
        {
            throw new EngineException($"lr_patience: must be >= 0, got {LrPatience}");
        }

        EarlyStopping?.Validate();
    }
}
