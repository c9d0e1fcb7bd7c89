using HyperSweep.Engine.Data;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// A saved model ready to use: the architecture rebuilt from its hyper-parameters, its weights put back (names and
/// sizes checked against the model), its vocabulary and the tokenizer its task used.
/// </summary>
public sealed class LoadedModel
{
    private LoadedModel(ModelPackageInfo info, Vocabulary vocabulary, HyperParameters parameters, IModel model)
    {
        Info = info;
        Vocabulary = vocabulary;
        Parameters = parameters;
        Model = model;
    }

    public ModelPackageInfo Info { get; }

    public TaskKind Kind => Info.Task.Kind;

    public Vocabulary Vocabulary { get; }

    public HyperParameters Parameters { get; }

    public IModel Model { get; }

    /// <summary>How the task's text is split into tokens (lower-cased when its data said so).</summary>
    public Tokenizer Tokenizer => new(Info.Task.Data is FileDataSpec { Lowercase: true });

    /// <summary>Reads a <c>.hsm</c> file; a missing, corrupt or foreign file throws <see cref="EngineException"/> naming it.</summary>
    public static LoadedModel ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new EngineException($"{path}: cannot read the model file: {exception.Message}", exception);
        }

        return From(ModelPackageFormat.Read(bytes, path), path);
    }

    public static LoadedModel From(ModelPackage package, string source)
    {
        ArgumentNullException.ThrowIfNull(package);
        var info = package.Info;
        var parameters = HyperParameters.Parse(info.HyperParameters, info.Task.Kind);
        var vocabulary = Vocabulary.FromTokens(info.Vocabulary);
        var model = ModelFactory.CreateEmpty(info.Task.Kind, vocabulary.Count, info.Labels?.Count ?? 0, parameters);
        var slots = model.Parameters;
        if (slots.Count != package.Weights.Count)
        {
            throw new EngineException($"{source}: holds {package.Weights.Count} weight tensors, but its hyper-parameters build a model with {slots.Count}");
        }

        for (var i = 0; i < slots.Count; i++)
        {
            var weights = package.Weights[i];
            if (weights.Name != slots[i].Name || weights.Values.Length != slots[i].Size)
            {
                throw new EngineException(
                    $"{source}: weights {i} are '{weights.Name}' with {weights.Values.Length} values, the model's are '{slots[i].Name}' with {slots[i].Size}");
            }

            weights.Values.CopyTo(slots[i].Data, 0);
        }

        return new LoadedModel(info, vocabulary, parameters, model);
    }
}
