using System.Globalization;
using System.Text;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace HyperSweep.Silo.Telemetry;

/// <summary>The console exporter for metrics: one line per metric point on a <see cref="TextWriter"/> (stderr or a file).</summary>
internal sealed class TextMetricExporter(TextWriter writer) : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var line = new StringBuilder();
                line.Append(CultureInfo.InvariantCulture, $"otel metric {metric.Name}");
                foreach (var (key, value) in point.Tags)
                {
                    line.Append(CultureInfo.InvariantCulture, $" {key}={Convert.ToString(value, CultureInfo.InvariantCulture)}");
                }

                line.Append(' ');
                line.Append(metric.MetricType switch
                {
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => Invariant($"sum={point.GetSumLong()}"),
                    MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => Invariant($"sum={point.GetSumDouble()}"),
                    MetricType.LongGauge => Invariant($"gauge={point.GetGaugeLastValueLong()}"),
                    MetricType.DoubleGauge => Invariant($"gauge={point.GetGaugeLastValueDouble()}"),
                    MetricType.Histogram => Invariant($"count={point.GetHistogramCount()} sum={point.GetHistogramSum()}"),
                    _ => metric.MetricType.ToString(),
                });
                if (!string.IsNullOrEmpty(metric.Unit))
                {
                    line.Append(CultureInfo.InvariantCulture, $" unit={metric.Unit}");
                }

                writer.WriteLine(line.ToString());
            }
        }

        return ExportResult.Success;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
