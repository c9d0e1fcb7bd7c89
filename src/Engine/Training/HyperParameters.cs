using HyperSweep.Engine.Layers;
using HyperSweep.Engine.Schema;
using HyperSweep.Engine.Tasks;
using S = HyperSweep.Engine.Schema.HyperParameterSchema;

namespace HyperSweep.Engine.Training;

/// <summary>
/// A trial's hyper-parameters, read with the rules and defaults of <see cref="HyperParameterSchema"/> (names, accepted
/// values and defaults are written there and in docs/HYPERPARAMETERS.md, which is generated from it). An unknown name
/// or a bad value throws <see cref="SchemaException"/> naming the parameter and what is accepted. A known parameter
/// that does not apply to the chosen architecture (say <c>cell</c> with <c>arch: dan</c>) is accepted and listed in
/// <see cref="Ignored"/>, so a sweep can vary <c>arch</c> with fixed RNN settings.
/// </summary>
public sealed record HyperParameters
{
    public static IReadOnlyList<string> Names { get; } = [.. S.All.Select(d => d.Name)];

    public Architecture Arch { get; init; } = S.Architectures.ValueOf((string)S.Arch.Default!);

    public CellKind Cell { get; init; } = S.Cells.ValueOf((string)S.Cell.Default!);

    public Activation Activation { get; init; } = S.Activations.ValueOf((string)S.CellActivation.Default!);

    public GruReset GruReset { get; init; } = S.GruResets.ValueOf((string)S.GruResetPlacement.Default!);

    public int EmbeddingDim { get; init; } = (int)S.EmbeddingDim.Default!;

    public int HiddenSize { get; init; } = (int)S.HiddenSize.Default!;

    public int Layers { get; init; } = (int)S.Layers.Default!;

    public int HiddenLayers { get; init; } = (int)S.HiddenLayers.Default!;

    public bool Bidirectional { get; init; } = (bool)S.Bidirectional.Default!;

    public double Dropout { get; init; } = (double)S.Dropout.Default!;

    public double WordDropout { get; init; } = (double)S.WordDropout.Default!;

    public int Context { get; init; } = (int)S.Context.Default!;

    public bool Direct { get; init; } = (bool)S.Direct.Default!;

    public OptimizerKind Optimizer { get; init; } = S.Optimizers.ValueOf((string)S.Optimizer.Default!);

    public double LearningRate { get; init; } = (double)S.LearningRate.Default!;

    public double Momentum { get; init; } = (double)S.Momentum.Default!;

    public double WeightDecay { get; init; } = (double)S.WeightDecay.Default!;

    public double? Clip { get; init; }

    public int BatchSize { get; init; } = (int)S.BatchSize.Default!;

    public int Bptt { get; init; } = (int)S.Bptt.Default!;

    public double LrDecay { get; init; } = (double)S.LrDecay.Default!;

    public int LrPatience { get; init; } = (int)S.LrPatience.Default!;

    /// <summary>Path of GloVe-format vectors, as given (resolve it against the spec's folder).</summary>
    public string? Pretrained { get; init; }

    /// <summary>Given parameters that the chosen architecture does not use.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>Parses a parameter dictionary (values typed or as strings, as YAML and trial files give them).</summary>
    /// <param name="kind">The task kind: some parameters apply to one kind only (<c>bidirectional</c>, <c>bptt</c>).</param>
    public static HyperParameters Parse(IReadOnlyDictionary<string, object?> parameters, TaskKind kind)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var name in parameters.Keys)
        {
            if (S.Find(name) is null)
            {
                throw new SchemaException($"parameters.{name}", $"unknown hyper-parameter; accepted: {string.Join(", ", Names)}");
            }
        }

        var p = parameters;
        var result = new HyperParameters
        {
            Arch = S.Arch.ReadChoice(p, S.Architectures),
            Cell = S.Cell.ReadChoice(p, S.Cells),
            Activation = S.CellActivation.ReadChoice(p, S.Activations),
            GruReset = S.GruResetPlacement.ReadChoice(p, S.GruResets),
            EmbeddingDim = S.EmbeddingDim.ReadInt(p),
            HiddenSize = S.HiddenSize.ReadInt(p),
            Layers = S.Layers.ReadInt(p),
            HiddenLayers = S.HiddenLayers.ReadInt(p),
            Bidirectional = S.Bidirectional.ReadBool(p),
            Dropout = S.Dropout.ReadReal(p),
            WordDropout = S.WordDropout.ReadReal(p),
            Context = S.Context.ReadInt(p),
            Direct = S.Direct.ReadBool(p),
            Optimizer = S.Optimizer.ReadChoice(p, S.Optimizers),
            LearningRate = S.LearningRate.ReadReal(p),
            Momentum = S.Momentum.ReadReal(p),
            WeightDecay = S.WeightDecay.ReadReal(p),
            Clip = S.Clip.ReadOptionalReal(p),
            BatchSize = S.BatchSize.ReadInt(p),
            Bptt = S.Bptt.ReadInt(p),
            LrDecay = S.LrDecay.ReadReal(p),
            LrPatience = S.LrPatience.ReadInt(p),
            Pretrained = S.Pretrained.ReadText(p),
        };

        var ignored = S.All.Where(d => parameters.ContainsKey(d.Name) && !d.AppliesTo(result, kind)).Select(d => d.Name);
        return result with { Ignored = [.. ignored.Order(StringComparer.Ordinal)] };
    }
}
