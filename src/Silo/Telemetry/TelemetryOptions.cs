namespace HyperSweep.Silo.Telemetry;

/// <summary>
/// Which exporters the silo runs, section <c>HyperSweep:Telemetry</c> (environment: <c>HyperSweep__Telemetry__Otlp=true</c>).
/// Everything is off by default; with no exporter nothing listens to the HyperSweep source and meter. OTLP's
/// endpoint, protocol, headers and timeouts come from the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "HyperSweep:Telemetry";

    /// <summary>Human-readable spans and metrics, written to stderr (or <see cref="ConsolePath"/>), never stdout.</summary>
    public bool Console { get; set; }

    /// <summary>A file for the console exporter instead of stderr.</summary>
    public string? ConsolePath { get; set; }

    /// <summary>OTLP export of traces and metrics (gRPC or HTTP/protobuf by <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>).</summary>
    public bool Otlp { get; set; }

    /// <summary>Port of the Prometheus scrape endpoint (<c>/metrics</c>); 0 means no endpoint.</summary>
    public int PrometheusPort { get; set; }

    /// <summary>Host the scrape endpoint binds to; loopback unless configured.</summary>
    public string PrometheusHost { get; set; } = "127.0.0.1";

    public bool Enabled => Console || Otlp || PrometheusPort > 0;
}
