namespace HyperSweep.Contracts;

/// <summary>A trial grain's answer to an adoption: whether it now holds the donor's checkpoint, and why not.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.AdoptionResult")]
public sealed record AdoptionResult([property: Id(0)] bool Adopted, [property: Id(1)] string? Reason = null);
