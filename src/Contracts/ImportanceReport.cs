namespace HyperSweep.Contracts;

/// <summary>
/// A sweep's hyper-parameter importances, most important first: the method, the completed trials it used, the top
/// quantile it compared them with, and a note when there were too few trials to say anything.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.ImportanceReport")]
public sealed record ImportanceReport(
    [property: Id(0)] string Method,
    [property: Id(1)] int Trials,
    [property: Id(2)] double TopQuantile,
    [property: Id(3)] IReadOnlyList<ParameterImportanceEntry> Parameters,
    [property: Id(4)] string? Note);
