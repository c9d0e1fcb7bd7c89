using System.CommandLine;
using HyperSweep.Engine.Bench;

// The engine's benchmark program. One mode per kind of measurement: --gemm times the GEMM backends on the
// trainer's shapes; --models trains the models of SHAPES.md (issue 9). Both share --json and --threads.
var gemmMode = new Option<bool>("--gemm") { Description = "Time the GEMM backends on the shapes of SHAPES.md (GFLOP/s)." };
var json = new Option<bool>("--json") { Description = "Print one JSON object per line instead of a table." };
var threads = new Option<int>("--threads") { Description = "Threads per GEMM call for simd and openblas (naive: always 1).", DefaultValueFactory = _ => 1 };
var backends = new Option<string?>("--backends") { Description = "Comma-separated GEMM backends (simd, openblas, naive). Default: all, openblas when present." };
var gemmShapes = new Option<string?>("--gemm-shapes") { Description = "Comma-separated prefixes of the GEMM shape names to run (default: all)." };
var samples = new Option<int>("--samples") { Description = "Timed samples per backend and shape; the median is reported.", DefaultValueFactory = _ => 9 };
var models = new Option<string?>("--models") { Description = "Train these models of the shapes table (comma-separated names, or all) and time their steps." };
var shapesFile = new Option<string?>("--shapes") { Description = "Markdown file with a shapes table in SHAPES.md's format (default: the built-in copy)." };
var steps = new Option<int?>("--steps") { Description = "Timed training steps per model (default: bench.py's, 10–60 by model)." };
var warmup = new Option<int?>("--warmup") { Description = "Untimed warm-up steps per model (default: bench.py's, 2–10 by model)." };
var naiveMax = new Option<double>("--naive-max-gflop") { Description = "Run the naive kernel only on shapes of at most this many GFLOP.", DefaultValueFactory = _ => 0.1 };

var root = new RootCommand("HyperSweep engine benchmarks.") { gemmMode, json, threads, backends, gemmShapes, samples, naiveMax, models, shapesFile, steps, warmup };
root.SetAction(parsed =>
{
    var modelList = parsed.GetValue(models);
    if (parsed.GetValue(gemmMode) == (modelList is not null))
    {
        Console.Error.WriteLine("engine-bench: choose one mode: --gemm or --models <list>. See --help.");
        return 2;
    }

    if (parsed.GetValue(steps) is < 1 || parsed.GetValue(warmup) is < 0)
    {
        Console.Error.WriteLine("engine-bench: --steps must be at least 1 and --warmup at least 0.");
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
        if (modelList is not null)
        {
            return ModelMode.Run(
                modelList, parsed.GetValue(shapesFile), parsed.GetValue(steps), parsed.GetValue(warmup), parsed.GetValue(threads), parsed.GetValue(json));
        }

        return GemmMode.Run(
            parsed.GetValue(backends),
            parsed.GetValue(gemmShapes),
            new GemmBenchmarkOptions(parsed.GetValue(samples), parsed.GetValue(naiveMax)),
            parsed.GetValue(json),
            parsed.GetValue(threads));
    }
    catch (Exception error) when (error is ArgumentException or InvalidOperationException or HyperSweep.Engine.EngineException)
    {
        Console.Error.WriteLine($"engine-bench: {error.Message}");
        return 2;
    }
});

return root.Parse(args).Invoke();
