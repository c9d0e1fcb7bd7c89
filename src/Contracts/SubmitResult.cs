namespace HyperSweep.Contracts;

/// <summary>Answer to a submission: accepted with the sweep's status, or rejected with every validation error.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SubmitResult")]
public sealed record SubmitResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] IReadOnlyList<SpecError> Errors,
    [property: Id(2)] SweepStatus? Status);
