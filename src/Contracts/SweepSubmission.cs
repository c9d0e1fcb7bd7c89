namespace HyperSweep.Contracts;

/// <summary>
/// A sweep as a user wrote it: the YAML text and where it came from (for error locations).
/// The coordinator parses and validates it with the Search library; the text travels instead of a parsed
/// object so the contract does not depend on Search's types and the stored sweep can be re-read later.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SweepSubmission")]
public sealed record SweepSubmission(
    [property: Id(0)] string SpecText,
    [property: Id(1)] string SourceName,
    [property: Id(2)] string? NameOverride = null);
