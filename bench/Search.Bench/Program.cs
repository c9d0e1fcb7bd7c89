using HyperSweep.Search.Bench;

// HyperSweep.Search benchmarks (bench/README.md, bench/README-search.md). Modes:
//   (default)            pruning and sampling throughput
//   --proposal-cost      TPE's cost per proposal at 100 / 1,000 / 10,000 trials of history
var options = new BenchOptions(args);
if (options.Has("--proposal-cost"))
{
    ProposalCost.Run(options);
}
else
{
    PruningBenchmark.Run(args);
}
