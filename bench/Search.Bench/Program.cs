using HyperSweep.Search.Bench;

// HyperSweep.Search benchmarks (bench/README.md, bench/README-search.md). Modes:
//   (default)            pruning and sampling throughput
//   --proposal-cost      TPE's cost per proposal at 100 / 1,000 / 10,000 trials of history
//   --functions LIST     QUALITY.md's protocol on the benchmark functions, tpe-quality/1 JSON
//   --table FILE.csv     sampler replay on a table, JSON
//   --ask-tell           one study over JSON lines on stdin/stdout
var options = new BenchOptions(args);
try
{
    if (options.Has("--ask-tell"))
    {
        return AskTellServer.Run(options, Console.In, Console.Out, Console.Error);
    }
    if (options.Has("--proposal-cost"))
    {
        ProposalCost.Run(options);
    }
    else if (options.Value("--functions") is not null)
    {
        FunctionQuality.Run(options);
    }
    else if (options.Value("--table") is not null)
    {
        TableMode.Run(options);
    }
    else
    {
        PruningBenchmark.Run(args);
    }
    return 0;
}
catch (Exception exception) when (exception is ArgumentException or InvalidDataException or IOException or HyperSweep.Search.Spec.SpecException)
{
    Console.Error.WriteLine($"Search.Bench: {exception.Message}");
    return 2;
}
