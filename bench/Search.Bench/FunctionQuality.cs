using System.Globalization;
using System.Text.Json;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Replay;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Search.Bench;

/// <summary>
/// <c>--functions branin,hartmann6,… [--variants tpe,tpe_multivariate,random] [--seeds 25] [--trials 100] [--set k=v]
/// [--out FILE]</c>: QUALITY.md's protocol in process (sequential trials, no pruning, seeds 0..n-1), written in its
/// "tpe-quality/1" layout (raw best-so-far at 10/25/50/100 and their quartiles) for compare_quality.py.
/// </summary>
internal static class FunctionQuality
{
    public static readonly int[] Checkpoints = [10, 25, 50, 100];

    public static void Run(BenchOptions options)
    {
        var functions = (options.Value("--functions") ?? "all") == "all"
            ? BenchmarkFunctions.All
            : options.Value("--functions")!.Split(',').Select(BenchmarkFunctions.Named).ToList();
        var variants = options.Value("--variants")?.Split(',') ?? ["tpe", "tpe_multivariate"];
        var seeds = options.Int("--seeds", 25);
        var trials = options.Int("--trials", 100);
        var raw = new Dictionary<string, Dictionary<string, List<double[]>>>();
        foreach (var function in functions)
        {
            raw[function.Name] = [];
            foreach (var variant in variants)
            {
                var rows = new List<double[]>();
                for (var seed = 0; seed < seeds; seed++)
                {
                    var curve = Study(function, variant, seed, trials, options.Settings());
                    rows.Add(Checkpoints.Where(c => c <= trials).Select(c => curve[c - 1]).ToArray());
                }
                raw[function.Name][variant] = rows;
                var median = Quartiles.Of(rows.Select(r => r[^1])).Median;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{function.Name,-16} {variant,-17} median best @{trials}: {median:G6}"));
            }
        }
        var document = QualityDocument.Write(raw, seeds, trials, "HyperSweep in process (bench/Search.Bench --functions)");
        if (options.Value("--out") is { } path)
        {
            File.WriteAllText(path, document);
        }
        else
        {
            Console.WriteLine(document);
        }
    }

    /// <summary>Best-so-far after each trial of one study.</summary>
    public static double[] Study(BenchmarkFunction function, string variant, long seed, int trials, IReadOnlyDictionary<string, object?> extra)
    {
        var settings = new Dictionary<string, object?>(extra);
        if (variant == "tpe_multivariate")
        {
            settings["multivariate"] = true;
        }
        var sampler = variant == "random"
            ? SamplerFactory.Create("random", function.Space, seed)
            : SamplerFactory.Create("tpe", function.Space, seed, settings);
        var session = new SearchSession(function.Name, StudyDirection.Minimize, sampler, new NopPruner());
        var curve = new double[trials];
        for (var trial = 0; trial < trials; trial++)
        {
            var value = function.Evaluate(session.Propose(trial));
            session.Finish(trial, TrialState.Completed, value);
            curve[trial] = trial == 0 ? value : Math.Min(value, curve[trial - 1]);
        }
        return curve;
    }
}
