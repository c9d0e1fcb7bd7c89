namespace HyperSweep.Search.Spec;

/// <summary>
/// The task section as the schema accepted it: its <see cref="Kind"/> and the whole section as plain values
/// (<c>{kind, data: {...}}</c>: strings, longs, doubles, bools and nested maps), which the Engine reads into its
/// typed task definition.
/// </summary>
public sealed record TaskSpec(string Kind, IReadOnlyDictionary<string, object?> Section);
