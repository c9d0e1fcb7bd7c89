using System.Text;
using System.Text.Json;
using HyperSweep.Search.Replay;

namespace HyperSweep.Search.Bench;

/// <summary>The "tpe-quality/1" JSON of tests/Fixtures/tpe/quality/QUALITY.md (the part compare_quality.py reads, plus the quartiles).</summary>
internal static class QualityDocument
{
    public static string Write(IReadOnlyDictionary<string, Dictionary<string, List<double[]>>> raw, int seeds, int trials, string producer)
    {
        var checkpoints = FunctionQuality.Checkpoints.Where(c => c <= trials).ToArray();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", "tpe-quality/1");
            json.WriteString("producer", producer);
            json.WriteStartObject("budget");
            json.WriteNumber("n_trials", trials);
            json.WriteStartArray("seeds");
            for (var s = 0; s < seeds; s++)
            {
                json.WriteNumberValue(s);
            }
            json.WriteEndArray();
            json.WriteStartArray("checkpoints");
            foreach (var c in checkpoints)
            {
                json.WriteNumberValue(c);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("raw_best_so_far");
            foreach (var (function, samplers) in raw)
            {
                json.WriteStartObject(function);
                foreach (var (sampler, rows) in samplers)
                {
                    json.WriteStartArray(sampler);
                    foreach (var row in rows)
                    {
                        json.WriteStartArray();
                        foreach (var v in row)
                        {
                            json.WriteNumberValue(v);
                        }
                        json.WriteEndArray();
                    }
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartObject("results");
            foreach (var (function, samplers) in raw)
            {
                json.WriteStartObject(function);
                foreach (var (sampler, rows) in samplers)
                {
                    json.WriteStartObject(sampler);
                    for (var k = 0; k < checkpoints.Length; k++)
                    {
                        var q = Quartiles.Of(rows.Select(r => r[k]));
                        json.WriteStartObject(checkpoints[k].ToString(System.Globalization.CultureInfo.InvariantCulture));
                        json.WriteNumber("p25", q.P25);
                        json.WriteNumber("median", q.Median);
                        json.WriteNumber("p75", q.P75);
                        json.WriteEndObject();
                    }
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
