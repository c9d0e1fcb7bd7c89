namespace HyperSweep.Telemetry.Tests.Otlp;

/// <summary>A span as received over OTLP, with its resource's attributes.</summary>
internal sealed record OtlpSpan(
    string TraceId,
    string SpanId,
    string ParentSpanId,
    string Name,
    string Scope,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Attributes)> Events,
    IReadOnlyDictionary<string, object?> Resource);
