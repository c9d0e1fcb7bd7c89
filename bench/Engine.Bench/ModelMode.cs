using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Bench;

/// <summary>The --models mode: trains each named model of the shapes table and prints one line (or JSON object) per model.</summary>
public static class ModelMode
{
    public static int Run(string modelList, string? shapesFile, int? steps, int? warmup, int threads, bool json)
    {
        var shapes = ModelShapeTable.Load(shapesFile);
        var names = modelList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var selected = names.Contains("all", StringComparer.OrdinalIgnoreCase)
            ? shapes.ToList()
            : names.Select(name => shapes.FirstOrDefault(shape => shape.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException(
                    $"--models: '{name}' is not in the shapes table (has: {string.Join(", ", shapes.Select(shape => shape.Name))}).")).ToList();
        // HYPERSWEEP_GEMM may force a kernel path (e.g. simd-avx2 on an AVX-512 machine); default: the best simd path.
        Gemm.Current = GemmBackendSelector.FromEnvironment(threads) as SimdGemm
            ?? throw new ArgumentException($"{GemmBackendSelector.EnvironmentVariable}: the model mode times the simd backend only (simd or simd-<path>).");
        if (!json)
        {
            Console.WriteLine($"date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}   CPU: {MachineInfo.CpuModel()}   threads: {threads}   " +
                              $"gemm: {((SimdGemm)Gemm.Current).InstructionSet}   shapes: {shapesFile ?? "built-in SHAPES.md table"}");
            Console.WriteLine($"{"model",-12} {"ms/step",9} {"cpu ms",8} {"examples/s",11} {"tokens/s",10} {"GFLOP/s",8} {"peak MB",8} {"KB alloc/step",14} {"loss first→last",17}");
        }

        foreach (var shape in selected)
        {
            var defaults = ModelBenchmark.DefaultSteps(shape.Kind);
            var m = ModelBenchmark.Run(shape, warmup ?? defaults.Warmup, steps ?? defaults.Timed, threads);
            Console.WriteLine(json ? JsonLine(m) : TableLine(m));
        }

        return 0;
    }

    public static string JsonLine(ModelMeasurement m) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["model"] = m.Model,
        ["threads"] = m.Threads,
        ["gemm"] = ((SimdGemm)Gemm.Current).InstructionSet,
        ["steps"] = m.Steps,
        ["ms_per_step"] = Math.Round(m.MedianMilliseconds, 3),
        ["cpu_ms_per_step"] = Math.Round(m.MedianCpuMilliseconds, 3),
        ["tokens_per_s"] = Math.Round(m.TokensPerSecond, 1),
        ["examples_per_s"] = Math.Round(m.ExamplesPerSecond, 1),
        ["gflops"] = Math.Round(m.Gflops, 2),
        ["peak_mb"] = Math.Round(m.PeakMegabytes, 1),
        ["alloc_kb_per_step"] = Math.Round(m.AllocatedKilobytesPerStep, 1),
        ["loss_first"] = m.FirstLoss,
        ["loss_last"] = m.LastLoss,
    });

    private static string TableLine(ModelMeasurement m)
    {
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"{m.Model,-12} {m.MedianMilliseconds,9:F2} {m.MedianCpuMilliseconds,8:F2} {m.ExamplesPerSecond,11:F0} ");
        line.Append(CultureInfo.InvariantCulture, $"{m.TokensPerSecond,10:F0} {m.Gflops,8:F1} {m.PeakMegabytes,8:F1} {m.AllocatedKilobytesPerStep,14:F1} ");
        line.Append(CultureInfo.InvariantCulture, $"{m.FirstLoss,8:F3}→{m.LastLoss:F3}");
        return line.ToString();
    }
}
