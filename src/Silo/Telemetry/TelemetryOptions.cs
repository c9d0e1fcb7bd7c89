using System.ComponentModel;

namespace HyperSweep.Silo.Telemetry;

/// <summary>
/// Which exporters the silo runs, section <c>HyperSweep:Telemetry</c> (environment: <c>HyperSweep__Telemetry__Otlp=true</c>).
/// Everything is off by default; with no exporter nothing listens to the HyperSweep source and meter. OTLP's
/// endpoint, protocol, headers and timeouts come from the standard <c>OTEL_EXPORTER_OTLP_*</c> variables.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "HyperSweep:Telemetry";

    [Description("Human-readable spans and metrics, written to stderr (or --telemetry-console-path), never stdout.")]
    public bool Console { get; set; }

    [Description("A file for the console exporter instead of stderr.")]
    public string? ConsolePath { get; set; }

    [Description("OTLP export of traces and metrics (endpoint and protocol from the standard OTEL_EXPORTER_OTLP_* variables).")]
    public bool Otlp { get; set; }

    [Description("Port of the Prometheus scrape endpoint (/metrics); 0 means no endpoint.")]
    public int PrometheusPort { get; set; }

    [Description("Host the Prometheus scrape endpoint binds to.")]
    public string PrometheusHost { get; set; } = "127.0.0.1";

    public bool Enabled => Console || Otlp || PrometheusPort > 0;
}
