using System.Globalization;
using HyperSweep.Search.Spec;

namespace HyperSweep.Scheduler.Bench;

/// <summary>Reads the curves <see cref="CurveRecorder"/> wrote, by seed, with each seed's measured resume cost.</summary>
internal static class CurveFile
{
    public static IReadOnlyList<(int Seed, double ResumeSeconds, IReadOnlyList<RecordedTrial> Trials)> Read(string path, SweepSpec spec)
    {
        var rows = File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t')).ToList();
        var space = spec.Parameters;
        return [.. rows.GroupBy(r => Int(r[0])).OrderBy(g => g.Key).Select(seed =>
        {
            var resume = seed.Where(r => Int(r[3]) == 0).Select(r => Double(r[5])).DefaultIfEmpty(0).Average();
            var trials = seed.Where(r => Int(r[3]) > 0).GroupBy(r => Int(r[1])).OrderBy(g => g.Key).Select(trial =>
            {
                var epochs = trial.OrderBy(r => Int(r[3])).ToList();
                var values = Parse(epochs[0][2]);
                var parameters = new Search.Spaces.TrialParameters(space.Parameters.Where(p => values.ContainsKey(p.Name)).Select(p => KeyValuePair.Create(p.Name, values[p.Name])));
                return new RecordedTrial(seed.Key, trial.Key, parameters, [.. epochs.Select(r => Double(r[4]))], [.. epochs.Select(r => Double(r[5]))]);
            }).ToList();
            return (seed.Key, resume, (IReadOnlyList<RecordedTrial>)trials);
        })];
    }

    /// <summary>"lr=0.01, arch=rnn" back into typed values (long, double, bool or text, as a spec gives them).</summary>
    private static Dictionary<string, object> Parse(string key) => key.Length == 0
        ? []
        : key.Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Value(p[1]), StringComparer.Ordinal);

    private static object Value(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : bool.TryParse(text, out var b) ? b
        : text;

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    private static double Double(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
