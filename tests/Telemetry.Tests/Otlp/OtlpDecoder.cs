namespace HyperSweep.Telemetry.Tests.Otlp;

/// <summary>
/// Decodes OTLP/HTTP protobuf export requests by the field numbers of opentelemetry-proto v1:
/// ExportTraceServiceRequest{1 resource_spans}, ResourceSpans{1 resource, 2 scope_spans}, Resource{1 attributes},
/// ScopeSpans{1 scope, 2 spans}, InstrumentationScope{1 name}, Span{1 trace_id, 2 span_id, 4 parent_span_id,
/// 5 name, 9 attributes, 11 events}, Span.Event{2 name, 3 attributes}, KeyValue{1 key, 2 value},
/// AnyValue{1 string, 2 bool, 3 int, 4 double}; ExportMetricsServiceRequest{1 resource_metrics},
/// ResourceMetrics{1 resource, 2 scope_metrics}, ScopeMetrics{2 metrics}, Metric{1 name, 7 sum},
/// Sum{1 data_points}, NumberDataPoint{4 as_double, 6 as_int, 7 attributes}.
/// </summary>
internal static class OtlpDecoder
{
    public static IEnumerable<OtlpSpan> Spans(ReadOnlySpan<byte> body)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in ProtoFields.Parse(body).Messages(1))
        {
            var resource = Attributes(resourceSpans.Message(1), 1);
            foreach (var scopeSpans in resourceSpans.Messages(2))
            {
                var scope = scopeSpans.Message(1)?.String(1) ?? "";
                foreach (var span in scopeSpans.Messages(2))
                {
                    spans.Add(new OtlpSpan(
                        span.Hex(1),
                        span.Hex(2),
                        span.Hex(4),
                        span.String(5) ?? "",
                        scope,
                        Attributes(span, 9),
                        span.Messages(11).Select(e => (e.String(2) ?? "", (IReadOnlyDictionary<string, object?>)Attributes(e, 3))).ToList(),
                        resource));
                }
            }
        }

        return spans;
    }

    public static IEnumerable<OtlpSum> Sums(ReadOnlySpan<byte> body)
    {
        var sums = new List<OtlpSum>();
        foreach (var resourceMetrics in ProtoFields.Parse(body).Messages(1))
        {
            foreach (var scopeMetrics in resourceMetrics.Messages(2))
            {
                foreach (var metric in scopeMetrics.Messages(2))
                {
                    var name = metric.String(1) ?? "";
                    foreach (var point in metric.Message(7)?.Messages(1) ?? [])
                    {
                        var value = point.Fixed64(6) is { } asInt ? (long)asInt
                            : point.Fixed64(4) is { } asDouble ? BitConverter.UInt64BitsToDouble(asDouble)
                            : double.NaN;
                        sums.Add(new OtlpSum(name, Attributes(point, 7), value));
                    }
                }
            }
        }

        return sums;
    }

    private static Dictionary<string, object?> Attributes(ProtoFields? message, int field)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in message?.Messages(field) ?? [])
        {
            var value = pair.Message(2);
            attributes[pair.String(1) ?? ""] = value is null ? null
                : value.Has(1) ? value.String(1)
                : value.Varint(2) is { } b ? b != 0
                : value.Varint(3) is { } i ? (long)i
                : value.Fixed64(4) is { } d ? BitConverter.UInt64BitsToDouble(d)
                : null;
        }

        return attributes;
    }
}
