namespace HyperSweep.Telemetry.Tests.Otlp;

/// <summary>One data point of a sum (counter) metric as received over OTLP.</summary>
internal sealed record OtlpSum(string Metric, IReadOnlyDictionary<string, object?> Attributes, double Value);
