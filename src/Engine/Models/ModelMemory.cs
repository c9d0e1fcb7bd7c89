namespace HyperSweep.Engine.Models;

/// <summary>
/// The buffers a model reuses from step to step when its caller has no <see cref="TensorArena"/> of its own:
/// a training forward takes the previous step's buffers back and builds the new graph in them (its backward
/// resumes the same arena), an evaluation forward borrows a second arena for its duration. Hence
/// IModel's contract: the tensors of a Loss call are valid until the next Loss call on the same model.
/// When an arena is already active (a <see cref="StepRunner"/>), the model uses that one instead.
/// </summary>
internal sealed class ModelMemory
{
    private readonly TensorArena _training = new();
    private readonly TensorArena _evaluation = new();

    public IDisposable? ForTraining()
    {
        if (TensorArena.Active is not null)
        {
            return null;
        }

        _training.ReleaseAll();
        return _training.Resume();
    }

    public IDisposable? ForEvaluation()
    {
        return TensorArena.Active is null ? _evaluation.Activate() : null;
    }
}
