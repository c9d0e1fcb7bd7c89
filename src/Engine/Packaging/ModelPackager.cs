using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Search;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// Makes a self-contained model from a trial's checkpoint: the weights as they were after the checkpoint's epoch (the
/// trial's best, so scoring the dev split again gives the recorded value), that epoch's metrics, and what is needed to
/// use them — the vocabulary the task data built, class names, the task, the hyper-parameters and the Engine version.
/// The optimizer's buffers are left out.
/// </summary>
public static class ModelPackager
{
    public static ModelPackage FromCheckpoint(
        byte[] checkpoint,
        TaskData data,
        string baseDirectory,
        IReadOnlyDictionary<string, object?> hyperParameters,
        int seed,
        Objective objective)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentNullException.ThrowIfNull(data);
        TrainerState state;
        using (var stream = new MemoryStream(checkpoint, writable: false))
        {
            state = CheckpointFormat.Read(stream);
        }

        if (state.Seed != seed)
        {
            throw new EngineException($"checkpoint: made with seed {state.Seed}, but the trial has seed {seed}");
        }

        var epoch = state.History.FirstOrDefault(m => m.Epoch == state.CompletedEpochs)
            ?? throw new EngineException($"checkpoint: holds no metrics of its epoch {state.CompletedEpochs}");
        var info = new ModelPackageInfo(
            EngineVersion.Current,
            data.Definition,
            baseDirectory,
            data.Vocabulary.Tokens,
            LabelsOf(data),
            hyperParameters,
            seed,
            objective,
            state.CompletedEpochs,
            epoch.ToDictionary());
        return new ModelPackage(info, [.. state.Parameters.Select(p => new NamedWeights(p.Name, p.Values))]);
    }

    /// <summary>Class names: singular/plural for the agreement task, the label numbers of a file task, none for a language model.</summary>
    public static IReadOnlyList<string>? LabelsOf(TaskData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Kind != TaskKind.Classification)
        {
            return null;
        }

        return data.Definition.Data is AgreementDataSpec
            ? ["singular", "plural"]
            : [.. Enumerable.Range(0, data.ClassCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
    }
}
