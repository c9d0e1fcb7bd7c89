using HyperSweep.Engine.Data;
using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// A trial's hyper-parameters with the names and defaults of CONTRACTS.md. <see cref="Parse"/> accepts
/// exactly those names: an unknown name or a bad value throws naming the parameter and what is accepted.
/// A known parameter that does not apply to the chosen architecture (say <c>cell</c> with <c>arch: dan</c>)
/// is accepted and listed in <see cref="Ignored"/>, so a sweep can vary <c>arch</c> with fixed RNN settings.
/// </summary>
public sealed record HyperParameters
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "arch", "cell", "activation", "gru_reset", "embedding_dim", "hidden_size", "layers", "hidden_layers",
        "bidirectional", "dropout", "word_dropout", "context", "direct", "optimizer", "lr", "momentum",
        "weight_decay", "clip", "batch_size", "bptt", "lr_decay", "lr_patience", "pretrained",
    ];

    private static readonly Dictionary<string, Architecture> Architectures = new(StringComparer.Ordinal)
    {
        ["dan"] = Architecture.Dan, ["nplm"] = Architecture.Nplm, ["rnn"] = Architecture.Rnn,
    };

    private static readonly Dictionary<string, CellKind> Cells = new(StringComparer.Ordinal)
    {
        ["elman"] = CellKind.Elman, ["lstm"] = CellKind.Lstm, ["gru"] = CellKind.Gru,
    };

    private static readonly Dictionary<string, Activation> Activations = new(StringComparer.Ordinal)
    {
        ["tanh"] = Activation.Tanh, ["relu"] = Activation.Relu,
    };

    private static readonly Dictionary<string, GruReset> Resets = new(StringComparer.Ordinal)
    {
        ["after"] = GruReset.After, ["before"] = GruReset.Before,
    };

    private static readonly Dictionary<string, OptimizerKind> Optimizers = new(StringComparer.Ordinal)
    {
        ["sgd"] = OptimizerKind.Sgd, ["adam"] = OptimizerKind.Adam, ["adagrad"] = OptimizerKind.Adagrad,
    };

    public Architecture Arch { get; init; } = Architecture.Rnn;

    public CellKind Cell { get; init; } = CellKind.Lstm;

    public Activation Activation { get; init; } = global::HyperSweep.Engine.Layers.Activation.Tanh;

    public GruReset GruReset { get; init; } = GruReset.After;

    public int EmbeddingDim { get; init; } = 64;

    public int HiddenSize { get; init; } = 128;

    public int Layers { get; init; } = 1;

    public int HiddenLayers { get; init; } = 2;

    public bool Bidirectional { get; init; }

    public double Dropout { get; init; }

    public double WordDropout { get; init; }

    public int Context { get; init; } = 4;

    public bool Direct { get; init; }

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    public double LearningRate { get; init; } = 1e-3;

    public double Momentum { get; init; }

    public double WeightDecay { get; init; }

    public double? Clip { get; init; }

    public int BatchSize { get; init; } = 32;

    public int Bptt { get; init; } = 35;

    public double LrDecay { get; init; } = 1;

    public int LrPatience { get; init; }

    /// <summary>Path of GloVe-format vectors, as given (resolve it against the spec's folder).</summary>
    public string? Pretrained { get; init; }

    /// <summary>Given parameters that the chosen architecture does not use.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>
    /// Parses a parameter dictionary (values typed or as strings, as YAML gives them).
    /// </summary>
    /// <param name="kind">The task kind: <c>bidirectional</c> applies to classifiers only.</param>
    public static HyperParameters Parse(IReadOnlyDictionary<string, object?> parameters, TaskKind kind)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var reader = new SpecReader(parameters.ToDictionary(pair => pair.Key, pair => pair.Value), "parameters");
        foreach (var name in parameters.Keys)
        {
            if (!Names.Contains(name))
            {
                throw new EngineException($"parameters.{name}: unknown hyper-parameter; accepted: {string.Join(", ", Names)}");
            }
        }

        var defaults = new HyperParameters();
        var result = new HyperParameters
        {
            Arch = reader.Choice("arch", Architectures, defaults.Arch),
            Cell = reader.Choice("cell", Cells, defaults.Cell),
            Activation = reader.Choice("activation", Activations, defaults.Activation),
            GruReset = reader.Choice("gru_reset", Resets, defaults.GruReset),
            EmbeddingDim = Positive(reader, "embedding_dim", defaults.EmbeddingDim),
            HiddenSize = Positive(reader, "hidden_size", defaults.HiddenSize),
            Layers = Positive(reader, "layers", defaults.Layers),
            HiddenLayers = AtLeast(reader, "hidden_layers", defaults.HiddenLayers, 0),
            Bidirectional = reader.Bool("bidirectional", defaults.Bidirectional),
            Dropout = Probability(reader, "dropout"),
            WordDropout = Probability(reader, "word_dropout"),
            Context = Positive(reader, "context", defaults.Context),
            Direct = reader.Bool("direct", defaults.Direct),
            Optimizer = reader.Choice("optimizer", Optimizers, defaults.Optimizer),
            LearningRate = PositiveReal(reader, "lr", defaults.LearningRate),
            Momentum = Range(reader, "momentum", 0, 0, 1, "in [0, 1)"),
            WeightDecay = Range(reader, "weight_decay", 0, 0, double.PositiveInfinity, ">= 0"),
            Clip = reader.Has("clip") ? PositiveReal(reader, "clip", 0) : null,
            BatchSize = Positive(reader, "batch_size", defaults.BatchSize),
            Bptt = Positive(reader, "bptt", defaults.Bptt),
            LrDecay = LrDecayValue(reader),
            LrPatience = AtLeast(reader, "lr_patience", 0, 0),
            Pretrained = reader.OptionalString("pretrained"),
        };

        return result with { Ignored = IgnoredFor(result, parameters.Keys, kind) };
    }

    private static List<string> IgnoredFor(HyperParameters p, IEnumerable<string> given, TaskKind kind)
    {
        bool Applies(string name) => name switch
        {
            "cell" or "layers" => p.Arch == Architecture.Rnn,
            "activation" => p.Arch == Architecture.Rnn && p.Cell == CellKind.Elman,
            "gru_reset" => p.Arch == Architecture.Rnn && p.Cell == CellKind.Gru,
            "bidirectional" => p.Arch == Architecture.Rnn && kind == TaskKind.Classification,
            "hidden_layers" or "word_dropout" => p.Arch == Architecture.Dan,
            "context" or "direct" => p.Arch == Architecture.Nplm,
            "bptt" => p.Arch == Architecture.Rnn && kind == TaskKind.LanguageModel,
            "momentum" => p.Optimizer == OptimizerKind.Sgd,
            _ => true,
        };

        return [.. given.Where(name => !Applies(name)).Order(StringComparer.Ordinal)];
    }

    private static int Positive(SpecReader reader, string name, int fallback) => AtLeast(reader, name, fallback, 1);

    private static int AtLeast(SpecReader reader, string name, int fallback, int minimum)
    {
        var value = reader.Int(name, fallback);
        if (value < minimum)
        {
            throw new EngineException($"{reader.Field(name)}: must be an integer >= {minimum}, got {value}");
        }

        return value;
    }

    private static double Probability(SpecReader reader, string name) => Range(reader, name, 0, 0, 1, "in [0, 1)");

    private static double PositiveReal(SpecReader reader, string name, double fallback)
    {
        var value = reader.Double(name, fallback);
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new EngineException($"{reader.Field(name)}: must be a number > 0, got {value}");
        }

        return value;
    }

    /// <summary>A value in [low, high) (high = +inf means unbounded).</summary>
    private static double Range(SpecReader reader, string name, double fallback, double low, double high, string accepted)
    {
        var value = reader.Double(name, fallback);
        if (!(value >= low) || !(value < high || (double.IsPositiveInfinity(high) && !double.IsInfinity(value))))
        {
            throw new EngineException($"{reader.Field(name)}: must be {accepted}, got {value}");
        }

        return value;
    }

    private static double LrDecayValue(SpecReader reader)
    {
        var value = reader.Double("lr_decay", 1);
        if (!(value > 0 && value <= 1))
        {
            throw new EngineException($"{reader.Field("lr_decay")}: must be in (0, 1] (1 = off), got {value}");
        }

        return value;
    }
}
