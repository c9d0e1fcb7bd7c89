namespace HyperSweep.Contracts;

/// <summary>
/// A sweep as a user wrote it: the YAML text, where it came from (for error locations) and the folder its relative
/// data paths resolve against (the spec file's folder on the submitting machine; null: the coordinator's working
/// folder). The coordinator parses and validates it again — it never trusts a client —; the text travels instead
/// of a parsed object so the stored sweep can be re-read later.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.SweepSubmission")]
public sealed record SweepSubmission(
    [property: Id(0)] string SpecText,
    [property: Id(1)] string SourceName,
    [property: Id(2)] string? NameOverride = null,
    [property: Id(3)] string? BaseDirectory = null);
