using HyperSweep.Engine.Tasks;

namespace HyperSweep.Contracts.Surrogates;

/// <summary>
/// The wire form of the Engine's <see cref="TaskDefinition"/>: the kind and every option of either data source, typed
/// and versioned by id (fields of the other source stay at their defaults). The Engine knows nothing of Orleans.
/// </summary>
[GenerateSerializer, Alias("HyperSweep.TaskDefinition")]
public struct TaskDefinitionSurrogate
{
    [Id(0)] public TaskKind Kind;
    [Id(1)] public DataSource Source;
    [Id(2)] public int Size;
    [Id(3)] public int DevSize;
    [Id(4)] public int TestSize;
    [Id(5)] public int MinAttractors;
    [Id(6)] public int MaxAttractors;
    [Id(7)] public int MinDistance;
    [Id(8)] public int MaxDistance;
    [Id(9)] public int Vocabulary;
    [Id(10)] public int Seed;
    [Id(11)] public DataFormat Format;
    [Id(12)] public string? Train;
    [Id(13)] public string? Dev;
    [Id(14)] public string? Test;
    [Id(15)] public bool Lowercase;
    [Id(16)] public int MinCount;
    [Id(17)] public int? MaxVocab;
}

/// <summary>Converts <see cref="TaskDefinition"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class TaskDefinitionSurrogateConverter : IConverter<TaskDefinition, TaskDefinitionSurrogate>
{
    public TaskDefinition ConvertFromSurrogate(in TaskDefinitionSurrogate s) => new(
        s.Kind,
        s.Source == DataSource.Agreement
            ? new AgreementDataSpec(new AgreementOptions(s.Size, s.DevSize, s.TestSize, s.MinAttractors, s.MaxAttractors, s.MinDistance, s.MaxDistance, s.Vocabulary, s.Seed))
            : new FileDataSpec(s.Format, s.Train!, s.Dev!, s.Test, s.Lowercase, s.MinCount, s.MaxVocab));

    public TaskDefinitionSurrogate ConvertToSurrogate(in TaskDefinition value) => value.Data switch
    {
        AgreementDataSpec { Options: var o } => new TaskDefinitionSurrogate
        {
            Kind = value.Kind, Source = DataSource.Agreement, Size = o.Size, DevSize = o.DevSize, TestSize = o.TestSize,
            MinAttractors = o.MinAttractors, MaxAttractors = o.MaxAttractors, MinDistance = o.MinDistance, MaxDistance = o.MaxDistance,
            Vocabulary = o.Vocabulary, Seed = o.Seed,
        },
        FileDataSpec f => new TaskDefinitionSurrogate
        {
            Kind = value.Kind, Source = DataSource.Files, Format = f.Format, Train = f.Train, Dev = f.Dev, Test = f.Test,
            Lowercase = f.Lowercase, MinCount = f.MinCount, MaxVocab = f.MaxVocab,
        },
        _ => throw new ArgumentException($"no wire form for task data {value.Data.GetType().Name}", nameof(value)),
    };
}
