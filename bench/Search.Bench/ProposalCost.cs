using System.Diagnostics;
using System.Globalization;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Sampling.Tpe;
using HyperSweep.Search.Spaces;
using MathNet.Numerics.Random;

namespace HyperSweep.Search.Bench;

/// <summary>
/// <c>--proposal-cost</c>: the sampler's own cost, in ms per proposal, with 100, 1,000 and 10,000 finished trials of
/// history. The history is random configurations of the space with a synthetic objective; each timed proposal is a
/// full ask (<see cref="SearchSession.Propose"/>), after which the trial is finished so the next one sees it.
/// </summary>
internal static class ProposalCost
{
    public static void Run(BenchOptions options)
    {
        var histories = options.Histories ?? [100, 1_000, 10_000];
        var spaces = new (string Name, SearchSpace Space)[]
        {
            ("sst2-dan (6: 2 categorical, 3 stepped, 1 log)", Sst2DanSpace()),
            ("hartmann6 (6 floats)", BenchmarkFunctions.Named("hartmann6").Space),
            ("mixed_cat (categorical, int, float, log float)", BenchmarkFunctions.Named("mixed_cat").Space),
        };
        Rebuild();
        Console.WriteLine($"TPE proposal cost in ms: median thread CPU time of {options.Repeats} proposals (its minimum; median wall time), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var only = options.Value("--spaces")?.Split(',');
        foreach (var (name, space) in spaces.Where(s => only is null || only.Any(o => s.Name.StartsWith(o, StringComparison.Ordinal))))
        {
            foreach (var variant in options.Variants)
            {
                // Warm-up: enough proposals for the JIT's tiered compilation to reach optimised code, as in a coordinator
                // that has been running for a while.
                Measure(space, variant, 200, 60);
                var line = $"{name,-48} {variant,-16}";
                foreach (var history in histories)
                {
                    var (cpu, minimum, wall) = Measure(space, variant, history, options.Repeats);
                    line += string.Create(CultureInfo.InvariantCulture, $"  n={history,6}: {cpu,6:F2} ({minimum,5:F2}; {wall,6:F2})");
                }
                Console.WriteLine(line);
            }
        }
    }

    /// <summary>
    /// A coordinator restart: <see cref="SearchSession.Rebuild"/> of a log with 10,000 trials (ask, 5 reports, finish)
    /// into a fresh multivariate group TPE sampler (the group list is folded at every ask) and a median pruner.
    /// </summary>
    public static void Rebuild()
    {
        var space = Sst2DanSpace();
        var settings = new TpeSettings { Multivariate = true, Group = true };
        var session = new SearchSession("rebuild", StudyDirection.Minimize, new TpeSampler(space, 7, settings), new MedianPruner());
        var random = new RandomSampler(space, 11);
        var noise = new Xoshiro256StarStar(5, false);
        for (var trial = 0; trial < 10_000; trial++)
        {
            session.Create(trial, random.ParametersFor(trial));
            var pruned = false;
            for (var step = 0; step < 5 && !pruned; step++)
            {
                pruned = session.Report(trial, step, noise.NextDouble() + 1.0 / (step + 1)).ShouldPrune;
            }
            session.Finish(trial, pruned ? TrialState.Pruned : TrialState.Completed, noise.NextDouble());
        }
        var times = new List<double>();
        for (var k = 0; k < 5; k++)
        {
            var start = ThreadClock.Milliseconds();
            SearchSession.Rebuild("rebuild", StudyDirection.Minimize, new TpeSampler(space, 7, settings), new MedianPruner(), session.Log);
            times.Add(ThreadClock.Milliseconds() - start);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rebuild of a {session.Log.Count}-event log (10,000 trials): {times.Order().ElementAt(2):F1} ms thread CPU (median of 5)"));
    }

    /// <summary>The parameters of examples/sst2-dan.yaml.</summary>
    public static SearchSpace Sst2DanSpace() => new(
    [
        new SearchParameter("embedding_dim", new CategoricalDomain([50L, 100L, 200L])),
        new SearchParameter("hidden_size", new IntDomain(64, 512, 64)),
        new SearchParameter("hidden_layers", new IntDomain(1, 3)),
        new SearchParameter("word_dropout", new FloatDomain(0.0, 0.4, 0.1)),
        new SearchParameter("lr", new FloatDomain(0.0001, 0.01, log: true)),
        new SearchParameter("weight_decay", new CategoricalDomain([0.0, 0.00001, 0.0001])),
    ]);

    private static (double Cpu, double Minimum, double Wall) Measure(SearchSpace space, string variant, int history, int repeats)
    {
        var settings = TpeSettings.From(variant == "multivariate" ? new Dictionary<string, object?> { ["multivariate"] = true } : new Dictionary<string, object?>());
        var session = new SearchSession("cost", StudyDirection.Minimize, new TpeSampler(space, 7, settings), new NopPruner());
        var random = new RandomSampler(space, 11);
        var noise = new Xoshiro256StarStar(3, false);
        for (var trial = 0; trial < history; trial++)
        {
            var parameters = random.ParametersFor(trial);
            session.Create(trial, parameters);
            session.Finish(trial, TrialState.Completed, Objective(parameters, noise));
        }
        var cpu = new List<double>();
        var wall = new List<double>();
        for (var k = 0; k < repeats; k++)
        {
            var trial = history + k;
            var watch = Stopwatch.StartNew();
            var start = ThreadClock.Milliseconds();
            var proposal = session.Propose(trial);
            cpu.Add(ThreadClock.Milliseconds() - start);
            wall.Add(watch.Elapsed.TotalMilliseconds);
            session.Finish(trial, TrialState.Completed, Objective(proposal, noise));
        }
        cpu.Sort();
        wall.Sort();
        return (cpu[cpu.Count / 2], cpu[0], wall[wall.Count / 2]);
    }

    /// <summary>A smooth function of the numeric parameters (hashes of categorical ones) plus noise: any structure will do.</summary>
    private static double Objective(TrialParameters parameters, RandomSource noise)
    {
        var value = noise.NextDouble() * 0.1;
        foreach (var (_, raw) in parameters)
        {
            value += raw switch
            {
                double d => Math.Sin(3 * d),
                long l => Math.Cos(l),
                _ => (raw.GetHashCode() & 7) / 10.0,
            };
        }
        return value;
    }
}
