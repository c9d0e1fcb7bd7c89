using HyperSweep.Engine.Kernels;

namespace HyperSweep.Engine.Bench;

/// <summary>The --gemm mode: picks backends and shapes, runs <see cref="GemmBenchmark"/>, prints the report.</summary>
public static class GemmMode
{
    public static int Run(string? backendList, string? shapeList, GemmBenchmarkOptions options, bool json, int threads)
    {
        var backends = Backends(backendList, threads);
        var shapes = GemmShapes.Select(Split(shapeList));
        if (!json)
        {
            var simd = backends.OfType<SimdGemm>().FirstOrDefault();
            Console.WriteLine($"date (UTC): {DateTime.UtcNow:yyyy-MM-dd HH:mm}   CPU: {MachineInfo.CpuModel()}   threads: {threads}");
            Console.WriteLine($"simd kernel: {simd?.InstructionSet ?? "not run"}   " +
                              $"openblas: {backends.OfType<OpenBlasGemm>().FirstOrDefault()?.Configuration ?? OpenBlasGemm.UnavailableReason}   " +
                              $"OPENBLAS_CORETYPE={Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") ?? "(unset)"}");
            Console.WriteLine($"GFLOP/s = 2·m·n·k / median time per call, by wall clock / by process CPU time; {options.Samples} samples, " +
                              $"backends interleaved; naive only up to {options.NaiveMaxGflop} GFLOP per call.");
            Console.WriteLine();
        }

        var measurements = new List<GemmMeasurement>();
        foreach (var measurement in new GemmBenchmark(options).Run(shapes, backends))
        {
            measurements.Add(measurement);
            if (json)
            {
                Console.WriteLine(GemmReport.JsonLine(measurement, threads));
            }
        }

        if (!json)
        {
            Console.Write(GemmReport.Table(measurements, backends.Select(backend => backend.Name).ToList()));
        }

        return 0;
    }

    private static List<IGemm> Backends(string? list, int threads)
    {
        if (list is null)
        {
            // Default: everything that can run here; OpenBLAS only when the library is installed.
            var all = new List<IGemm> { new SimdGemm(threads) };
            if (OpenBlasGemm.IsAvailable)
            {
                all.Add(OpenBlasGemm.Create(threads));
            }

            all.Add(new NaiveGemm());
            return all;
        }

        return Split(list).Select(name => GemmBackendSelector.Create(name, "--backends", threads)).ToList();
    }

    private static List<string> Split(string? list) =>
        (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
