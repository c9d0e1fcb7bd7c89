using System.Diagnostics;
using System.Globalization;
using System.Text;
using OpenTelemetry;

namespace HyperSweep.Silo.Telemetry;

/// <summary>
/// The console exporter for spans: one line per span on a <see cref="TextWriter"/> (stderr or a file). The SDK's
/// own console exporter writes to stdout only, which would garble the CLI's live table and its --json output.
/// </summary>
internal sealed class TextActivityExporter(TextWriter writer) : BaseExporter<Activity>
{
    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var activity in batch)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"otel span {activity.DisplayName} trace={activity.TraceId} span={activity.SpanId} parent={activity.ParentSpanId} ");
            line.Append(CultureInfo.InvariantCulture, $"start={activity.StartTimeUtc:O} duration_ms={activity.Duration.TotalMilliseconds:0.###}");
            if (activity.Status != ActivityStatusCode.Unset)
            {
                line.Append(CultureInfo.InvariantCulture, $" status={activity.Status}");
            }

            foreach (var (key, value) in activity.TagObjects)
            {
                line.Append(CultureInfo.InvariantCulture, $" {key}={Convert.ToString(value, CultureInfo.InvariantCulture)}");
            }

            foreach (var activityEvent in activity.Events)
            {
                line.Append(CultureInfo.InvariantCulture, $" event={activityEvent.Name}");
                foreach (var (key, value) in activityEvent.Tags)
                {
                    line.Append(CultureInfo.InvariantCulture, $" {key}={Convert.ToString(value, CultureInfo.InvariantCulture)}");
                }
            }

            writer.WriteLine(line.ToString());
        }

        return ExportResult.Success;
    }
}
