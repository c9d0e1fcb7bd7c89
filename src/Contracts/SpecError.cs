namespace HyperSweep.Contracts;

/// <summary>One validation error of a sweep spec, located in its source (1-based line and column; 0 when unknown).</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SpecError")]
public sealed record SpecError(
    [property: Id(0)] string Source,
    [property: Id(1)] int Line,
    [property: Id(2)] int Column,
    [property: Id(3)] string? Field,
    [property: Id(4)] string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
        return Field is null ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}
