using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Models;
using HyperSweep.Engine.Optimizers;
using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// Builds what a trial trains from (task data, hyper-parameters, seed): the model for the task kind and
/// <c>arch</c>, its optimizer, and the batches in the form that model reads. Names and defaults are
/// those of the schema (<see cref="Schema.HyperParameterSchema"/>, docs/HYPERPARAMETERS.md); a combination that cannot be built throws
/// <see cref="EngineException"/> naming the parameter and what is accepted.
/// </summary>
public static class ModelFactory
{
    /// <summary>The random stream of weight initialisation (the trainer uses others for data order and dropout).</summary>
    private const int InitialisationStream = 0;

    /// <summary>Parses the parameters and builds the model.</summary>
    public static IModel Create(TaskData data, IReadOnlyDictionary<string, object?> parameters, int seed, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Create(data, HyperParameters.Parse(parameters, data.Kind), seed, baseDirectory);
    }

    /// <summary>
    /// Builds the model: classification → <see cref="Dan"/> or <see cref="RnnClassifier"/>; language model →
    /// <see cref="Nplm"/> or <see cref="RnnLanguageModel"/>. Weights are initialised from <paramref name="seed"/>.
    /// <c>pretrained</c> is resolved against <paramref name="baseDirectory"/> (default: the current directory).
    /// </summary>
    public static IModel Create(TaskData data, HyperParameters parameters, int seed, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(parameters);
        var (model, embedding) = Build(data.Kind, data.Vocabulary.Count, data.ClassCount, parameters, seed);
        if (parameters.Pretrained is { } pretrained)
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), pretrained));
            embedding.LoadPretrained(path, word => data.Vocabulary.Contains(word) ? data.Vocabulary.IdOf(word) : null);
        }

        return model;
    }

    /// <summary>
    /// The model's architecture without task data or pretrained vectors: what a saved model's weights are loaded into
    /// (<see cref="Packaging.LoadedModel"/>), whose vocabulary and class count come with it.
    /// </summary>
    public static IModel CreateEmpty(TaskKind kind, int vocabularySize, int classCount, HyperParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Build(kind, vocabularySize, classCount, parameters, seed: 0).Model;
    }

    private static (IModel Model, Embedding Embedding) Build(TaskKind kind, int vocabulary, int classCount, HyperParameters p, int seed)
    {
        CheckFits(kind, p);
        var random = SeedMixer.Generator(seed, InitialisationStream);
        var options = new CellOptions(p.Activation, p.GruReset);
        return (kind, p.Arch) switch
        {
            (TaskKind.Classification, Architecture.Dan) => Pair(new Dan(
                vocabulary, p.EmbeddingDim, [.. Enumerable.Repeat(p.HiddenSize, p.HiddenLayers)], classCount, random,
                Activation.Relu, (float)p.WordDropout, (float)p.Dropout)),
            (TaskKind.Classification, Architecture.Rnn) => Pair(new RnnClassifier(
                vocabulary, p.EmbeddingDim, p.HiddenSize, p.Layers, classCount, p.Cell, random, p.Bidirectional, (float)p.Dropout, options)),
            (TaskKind.LanguageModel, Architecture.Rnn) => Pair(new RnnLanguageModel(
                vocabulary, p.EmbeddingDim, p.HiddenSize, p.Layers, p.Cell, random, (float)p.Dropout, options)),
            (TaskKind.LanguageModel, Architecture.Nplm) => Pair(new Nplm(
                vocabulary, p.EmbeddingDim, p.Context, p.HiddenSize, random, p.Direct, (float)p.Dropout)),
            _ => throw Misfit(kind, p.Arch),
        };
    }

    /// <summary>
    /// Throws when <c>arch</c> cannot serve the task kind: nplm has no classification head (its softmax is over
    /// the vocabulary) and dan has no language-model form. Cheap: use it to validate a spec before training.
    /// </summary>
    public static void CheckFits(TaskKind kind, HyperParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if ((kind, parameters.Arch) is (TaskKind.Classification, Architecture.Nplm) or (TaskKind.LanguageModel, Architecture.Dan))
        {
            throw Misfit(kind, parameters.Arch);
        }
    }

    private static EngineException Misfit(TaskKind kind, Architecture arch) => kind == TaskKind.Classification
        ? new EngineException($"parameters.arch: {arch.ToString().ToLowerInvariant()} is a language model (its softmax is over the vocabulary), so it cannot serve a classification task; accepted for classification: dan, rnn")
        : new EngineException($"parameters.arch: {arch.ToString().ToLowerInvariant()} is a sentence classifier and cannot serve a language_model task; accepted for language_model: nplm, rnn");

    /// <summary>The optimizer of <c>optimizer</c>, <c>lr</c>, <c>momentum</c>, <c>weight_decay</c> and <c>clip</c>.</summary>
    public static Optimizer CreateOptimizer(IModel model, HyperParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parameters);
        var lr = (float)parameters.LearningRate;
        var decay = (float)parameters.WeightDecay;
        var clip = parameters.Clip is { } c ? (float)c : (float?)null;
        return parameters.Optimizer switch
        {
            OptimizerKind.Sgd => new Sgd(model.Parameters, lr, (float)parameters.Momentum, decay, clip),
            OptimizerKind.Adagrad => new Adagrad(model.Parameters, lr, weightDecay: decay, clipNorm: clip),
            _ => new Adam(model.Parameters, lr, weightDecay: decay, clipNorm: clip),
        };
    }

    /// <summary>
    /// The batches the model reads: padded sentences for classifiers, BPTT segments of the stream for an
    /// RNN language model, n-gram windows for NPLM.
    /// </summary>
    public static IBatchSource CreateBatches(TaskData data, HyperParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(parameters);
        return (data.Kind, parameters.Arch) switch
        {
            (TaskKind.Classification, _) => new ClassificationBatchSource(data.Train, data.Dev, parameters.BatchSize),
            (TaskKind.LanguageModel, Architecture.Nplm) => new NgramBatchSource(data.Train, data.Dev, parameters.Context, parameters.BatchSize),
            _ => new LanguageModelBatchSource(data.Train, data.Dev, parameters.BatchSize, parameters.Bptt),
        };
    }

    /// <summary>
    /// The batches a trained model is scored on, made exactly as the trainer makes its dev batches (same order, same
    /// batch sizes), so scoring the dev split again reproduces the recorded metrics bit for bit.
    /// </summary>
    public static IReadOnlyList<ModelBatch> CreateEvaluationBatches(TaskKind kind, EncodedSplit split, HyperParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(parameters);
        return (kind, parameters.Arch) switch
        {
            (TaskKind.Classification, _) => ClassificationBatchSource.Validation(split, parameters.BatchSize),
            (TaskKind.LanguageModel, Architecture.Nplm) => NgramBatchSource.Validation(split, parameters.Context, parameters.BatchSize),
            _ => LanguageModelBatchSource.Validation(split, parameters.Bptt),
        };
    }

    private static (IModel Model, Embedding Embedding) Pair(Dan model) => (model, model.Embedding);

    private static (IModel Model, Embedding Embedding) Pair(RnnClassifier model) => (model, model.Embedding);

    private static (IModel Model, Embedding Embedding) Pair(RnnLanguageModel model) => (model, model.Embedding);

    private static (IModel Model, Embedding Embedding) Pair(Nplm model) => (model, model.Embedding);
}
