using HyperSweep.Grains.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HyperSweep.Silo.Telemetry;

/// <summary>Exporter wiring for a host running a HyperSweep silo (hypersweep-silo and the CLI's dev silo).</summary>
public static class HyperSweepTelemetryExtensions
{
    public const string ServiceName = "hypersweep-silo";

    /// <summary>
    /// Reads <see cref="TelemetryOptions"/> from <c>HyperSweep:Telemetry</c> and, when some exporter is on, adds the
    /// OpenTelemetry SDK for the HyperSweep source and meter plus Orleans' meter and grain-call spans (activity
    /// propagation on the silo). Does nothing when every exporter is off. With
    /// <paramref name="readEnvironment"/>, <c>OTEL_*</c> and <c>HyperSweep__Telemetry__*</c> environment variables are
    /// added to the configuration first (for hosts built without the default configuration sources).
    /// </summary>
    public static TelemetryOptions AddHyperSweepTelemetry(this IHostApplicationBuilder builder, bool readEnvironment = false)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (readEnvironment)
        {
            builder.Configuration.AddInMemoryCollection(TelemetryEnvironment.Read());
        }

        var options = new TelemetryOptions();
        builder.Configuration.GetSection(TelemetryOptions.Section).Bind(options);
        var check = new TelemetryOptionsValidator().Validate(null, options);
        if (check.Failed)
        {
            throw new InvalidOperationException(check.FailureMessage);
        }

        return builder.AddHyperSweepTelemetry(options);
    }

    /// <summary>The exporters of already bound and validated <paramref name="options"/> (hypersweep-silo's AddHyperSweepSilo).</summary>
    public static TelemetryOptions AddHyperSweepTelemetry(this IHostApplicationBuilder builder, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return options;
        }

        // One writer for both console exporters (a file opened twice would interleave badly); it lives as long as the process.
        var consoleWriter = options.Console ? TextExporterTarget.Open(options.ConsolePath) : null;
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : ServiceName;
        builder.UseOrleans(silo => silo.AddActivityPropagation());
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(serviceName)
                .AddDetector(sp => new SiloResourceDetector(sp.GetRequiredService<ILocalSiloDetails>(), sp.GetRequiredService<IOptions<Orleans.Configuration.ClusterOptions>>())))
            .WithTracing(tracing =>
            {
                tracing.AddSource(HyperSweepTelemetry.Name, "Microsoft.Orleans.Application");
                if (options.Console)
                {
                    tracing.AddProcessor(new SimpleActivityExportProcessor(new TextActivityExporter(consoleWriter!)));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HyperSweepTelemetry.Name, "Microsoft.Orleans");
                if (options.Console)
                {
                    metrics.AddReader(new PeriodicExportingMetricReader(new TextMetricExporter(consoleWriter!)));
                }

                if (options.PrometheusPort > 0)
                {
                    metrics.AddPrometheusHttpListener(o =>
                    {
                        o.Host = options.PrometheusHost;
                        o.Port = options.PrometheusPort;
                    });
                }
            });
        if (options.Otlp)
        {
            // One OTLP exporter for every signal; endpoint and protocol from OTEL_EXPORTER_OTLP_* as the spec says
            // (for http/protobuf the SDK appends /v1/traces and /v1/metrics to the base endpoint).
            telemetry.UseOtlpExporter();
        }

        HyperSweepMetrics.EnsureCreated();
        return options;
    }
}
