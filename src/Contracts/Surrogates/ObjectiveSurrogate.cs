using HyperSweep.Search;

namespace HyperSweep.Contracts.Surrogates;

/// <summary>The wire form of Search's <see cref="Objective"/> (Search knows nothing of Orleans).</summary>
[GenerateSerializer, Alias("HyperSweep.Objective")]
public struct ObjectiveSurrogate
{
    [Id(0)] public string Metric;
    [Id(1)] public StudyDirection Direction;
}

/// <summary>Converts <see cref="Objective"/> to and from its wire form.</summary>
[RegisterConverter]
public sealed class ObjectiveSurrogateConverter : IConverter<Objective, ObjectiveSurrogate>
{
    public Objective ConvertFromSurrogate(in ObjectiveSurrogate surrogate) => new(surrogate.Metric, surrogate.Direction);

    public ObjectiveSurrogate ConvertToSurrogate(in Objective value) => new() { Metric = value.Metric, Direction = value.Direction };
}
