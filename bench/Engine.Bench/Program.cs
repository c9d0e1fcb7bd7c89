using System.CommandLine;
using HyperSweep.Engine.Bench;

// The engine's benchmark program. One mode per kind of measurement: --gemm times the GEMM backends on the
// trainer's shapes; further modes (model training steps, issue 9) plug in beside it as their own option
// and runner class, sharing --json, --threads and the machine report.
var gemmMode = new Option<bool>("--gemm") { Description = "Time the GEMM backends on the shapes of SHAPES.md (GFLOP/s)." };
var json = new Option<bool>("--json") { Description = "Print one JSON object per line instead of a table." };
var threads = new Option<int>("--threads") { Description = "Threads per GEMM call for simd and openblas (naive: always 1).", DefaultValueFactory = _ => 1 };
var backends = new Option<string?>("--backends") { Description = "Comma-separated GEMM backends (simd, openblas, naive). Default: all, openblas when present." };
var gemmShapes = new Option<string?>("--gemm-shapes") { Description = "Comma-separated prefixes of the GEMM shape names to run (default: all)." };
var samples = new Option<int>("--samples") { Description = "Timed samples per backend and shape; the median is reported.", DefaultValueFactory = _ => 9 };
var naiveMax = new Option<double>("--naive-max-gflop") { Description = "Run the naive kernel only on shapes of at most this many GFLOP.", DefaultValueFactory = _ => 0.1 };

var root = new RootCommand("HyperSweep engine benchmarks.") { gemmMode, json, threads, backends, gemmShapes, samples, naiveMax };
root.SetAction(parsed =>
{
    if (!parsed.GetValue(gemmMode))
    {
        Console.Error.WriteLine("engine-bench: choose a mode: --gemm. See --help.");
        return 2;
    }

    if (parsed.GetValue(threads) < 1)
    {
        Console.Error.WriteLine("engine-bench: --threads must be at least 1.");
        return 2;
    }

    if (parsed.GetValue(samples) < 1)
    {
        Console.Error.WriteLine("engine-bench: --samples must be at least 1.");
        return 2;
    }

    try
    {
        return GemmMode.Run(
            parsed.GetValue(backends),
            parsed.GetValue(gemmShapes),
            new GemmBenchmarkOptions(parsed.GetValue(samples), parsed.GetValue(naiveMax)),
            parsed.GetValue(json),
            parsed.GetValue(threads));
    }
    catch (Exception error) when (error is ArgumentException or InvalidOperationException)
    {
        Console.Error.WriteLine($"engine-bench: {error.Message}");
        return 2;
    }
});

return root.Parse(args).Invoke();
