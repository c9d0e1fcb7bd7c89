using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HyperSweep.Engine.Bench;

/// <summary>Writes GEMM measurements as a plain-text table (one row per shape) or as JSON lines.</summary>
public static class GemmReport
{
    public static string JsonLine(GemmMeasurement measurement, int threads) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["mode"] = "gemm",
        ["threads"] = threads,
        ["shape"] = measurement.Shape.Name,
        ["form"] = measurement.Shape.Form,
        ["m"] = measurement.Shape.M,
        ["n"] = measurement.Shape.N,
        ["k"] = measurement.Shape.K,
        ["accumulate"] = measurement.Shape.Accumulate,
        ["backend"] = measurement.Backend,
        ["ms_per_call"] = Math.Round(measurement.MedianSeconds * 1e3, 4),
        ["gflops"] = Math.Round(measurement.Gflops, 2),
        ["gflops_cpu"] = Math.Round(measurement.CpuGflops, 2),
        ["calls_per_sample"] = measurement.CallsPerSample,
    });

    public static string Table(IReadOnlyList<GemmMeasurement> measurements, IReadOnlyList<string> backends)
    {
        var text = new StringBuilder();
        var header = $"{"shape",-17} {"form",-4} {"m",5} {"n",6} {"k",6}" +
                     string.Concat(backends.Select(backend => $" {backend + " wall/cpu",17}")) +
                     (backends.Contains("openblas") && backends.Contains("simd") ? $" {"simd/openblas",13}" : string.Empty);
        text.AppendLine(header);
        text.AppendLine(new string('-', header.Length));
        foreach (var group in measurements.GroupBy(measurement => measurement.Shape))
        {
            var shape = group.Key;
            var byBackend = group.ToDictionary(measurement => measurement.Backend);
            text.Append(CultureInfo.InvariantCulture, $"{shape.Name,-17} {shape.Form,-4} {shape.M,5} {shape.N,6} {shape.K,6}");
            foreach (var backend in backends)
            {
                text.Append(' ').Append(byBackend.TryGetValue(backend, out var measured)
                    ? string.Create(CultureInfo.InvariantCulture, $"{measured.Gflops:F1}/{measured.CpuGflops:F1}").PadLeft(17)
                    : "-".PadLeft(17));
            }

            if (byBackend.TryGetValue("simd", out var simd) && byBackend.TryGetValue("openblas", out var openBlas))
            {
                // The ratio of CPU-time rates: the measure least disturbed by other jobs on the machine.
                text.Append(' ').Append((simd.CpuGflops / openBlas.CpuGflops).ToString("F2", CultureInfo.InvariantCulture).PadLeft(13));
            }

            text.AppendLine();
        }

        return text.ToString();
    }
}
