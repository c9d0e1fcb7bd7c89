namespace HyperSweep.Search.Spec;

/// <summary>
/// The task section, passed through to the Engine as structured data: <see cref="Kind"/> and the
/// <see cref="Data"/> map (string → scalar or nested map). Search checks only the shape (kind, source,
/// format, required paths); the Engine validates the rest.
/// </summary>
public sealed record TaskSpec(string Kind, IReadOnlyDictionary<string, object?> Data)
{
    public string Source => (string)Data["source"]!;
}
