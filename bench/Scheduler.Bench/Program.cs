using System.Globalization;
using HyperSweep.Engine.Schema;
using HyperSweep.Scheduler.Bench;
using HyperSweep.Search;
using HyperSweep.Search.Spec;

// Scheduler evidence (bench/README-search.md, "Schedulers"):
//   curves  --spec S --seeds 1,2,3 [--trials N] [--threads 2] --out curves.tsv   full curves + core-seconds per epoch
//   compare --spec S --curves curves.tsv [--warmup 1] [--figure f.png]          ASHA+promotion vs stop-only vs median vs none
//   pbt     --spec S --seeds 1,2,3 [--threads 2] [--figure f.png]               PBT vs the same population with fixed settings
// Core-seconds are thread CPU time (the machine is shared; wall time would measure the other tenants).
var mode = args.Length > 0 ? args[0] : "";
var specPath = Arg("--spec") ?? throw new ArgumentException("--spec is required");
var spec = SweepSpecParser.ParseFile(specPath, EngineSchema.Instance);
var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(specPath))!;
var threads = int.Parse(Arg("--threads") ?? "2", CultureInfo.InvariantCulture);
var seeds = (Arg("--seeds") ?? "1,2,3").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
Console.WriteLine($"# {mode} {spec.Name}: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z");

switch (mode)
{
    case "curves":
    {
        using var output = new StreamWriter(Arg("--out") ?? throw new ArgumentException("--out is required"));
        CurveRecorder.Record(spec, baseDirectory, seeds, Arg("--trials") is { } t ? int.Parse(t, CultureInfo.InvariantCulture) : null, threads, output);
        break;
    }

    case "compare":
    {
        var asha = spec.Scheduler ?? throw new ArgumentException("the spec needs a scheduler: {name: asha, ...} section (its settings are compared)");
        var warmup = int.Parse(Arg("--warmup") ?? "1", CultureInfo.InvariantCulture);
        var outcomes = new List<ReplayComparison.Outcome>();
        Console.WriteLine("| scheduler | seed | epochs | core-seconds | best found | rank of its config | promotions |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (seed, resume, trials) in CurveFile.Read(Arg("--curves") ?? throw new ArgumentException("--curves is required"), spec))
        {
            var allEpochs = trials.Sum(t => (long)t.Values.Count);
            var allSeconds = trials.Sum(t => t.Seconds.Sum());
            foreach (var (name, create) in ReplayComparison.Schedulers(asha, spec.Budget.MaxEpochs, warmup))
            {
                var outcome = ReplayComparison.Run(name, create(), trials, resume, spec.Concurrency, spec.Objective.Direction, seed);
                outcomes.Add(outcome);
                Console.WriteLine(ReplayComparison.Format(outcome, allEpochs, allSeconds));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| scheduler | mean epochs | mean core-seconds | mean best | seeds that found the true best |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var group in outcomes.GroupBy(o => o.Scheduler))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Average(o => o.Epochs):F0} | {group.Average(o => o.CoreSeconds):F1} | {group.Average(o => o.Best):G4} | {group.Count(o => o.Rank == 1)}/{group.Count()} |"));
        }

        if (Arg("--figure") is { } figure)
        {
            Figures.BestSoFar(figure, $"{spec.Name}: best-so-far vs core-seconds ({spec.Concurrency} workers, seeds {string.Join(", ", seeds)})",
                spec.Objective.Metric, outcomes.Select(o => (o.Scheduler, o.Seed, o.BestSoFar)));
        }

        break;
    }

    case "pbt":
    {
        var runs = new List<PbtHarness.Run>();
        foreach (var seed in seeds)
        {
            var seeded = spec with { Strategy = spec.Strategy with { Seed = seed } };
            foreach (var run in new[] { PbtHarness.Fixed(seeded, baseDirectory, threads), PbtHarness.Pbt(seeded, baseDirectory, threads) })
            {
                runs.Add(run);
                Console.WriteLine($"## {run.Name}, seed {seed}: {run.Exploitations} exploitations");
                Console.WriteLine("| epoch | core-seconds | best " + spec.Objective.Metric + " |");
                Console.WriteLine("|---|---|---|");
                foreach (var p in run.Points)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {p.Epoch} | {p.CoreSeconds:F0} | {p.Best:F2} |"));
                }

                run.Lineage.ToList().ForEach(l => Console.WriteLine("    " + l));
                Console.Out.Flush();
            }
        }

        if (Arg("--figure") is { } figure)
        {
            Figures.BestSoFar(figure, $"{spec.Name}: PBT vs fixed hyper-parameters (seeds {string.Join(", ", seeds)})", spec.Objective.Metric,
                runs.Select(r => (r.Name, r.Seed, (IReadOnlyList<(double, double)>)r.Points.Select(p => (p.CoreSeconds, p.Best)).ToList())));
        }

        break;
    }

    default:
        Console.Error.WriteLine("usage: curves | compare | pbt --spec S ... (see the comment at the top of Program.cs)");
        return 2;
}

return 0;

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
