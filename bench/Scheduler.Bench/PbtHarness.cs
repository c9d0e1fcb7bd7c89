using System.Globalization;
using HyperSweep.Engine.Training;
using HyperSweep.Search;
using HyperSweep.Search.Scheduling;
using HyperSweep.Search.Spaces;
using HyperSweep.Search.Spec;

namespace HyperSweep.Scheduler.Bench;

/// <summary>
/// Synchronous PBT with the Engine, in process: the spec's population trains generation by generation (each member from
/// its checkpoint, on its own thread), the Search library's <see cref="PbtScheduler"/> decides at each boundary, and an
/// exploiting member continues from its donor's checkpoint with its explored parameters (the Engine's adopt path) — the
/// decisions and the training the coordinator would run, without Orleans, so every epoch's thread CPU time is measured.
/// The baseline trains the same population (the same proposals) straight through with fixed hyper-parameters.
/// </summary>
internal static class PbtHarness
{
    public sealed record Point(int Epoch, double CoreSeconds, double Best);

    public sealed record Run(string Name, int Seed, IReadOnlyList<Point> Points, int Exploitations, IReadOnlyList<string> Lineage);

    public static Run Pbt(SweepSpec spec, string baseDirectory, int threads)
    {
        var scheduler = (PbtScheduler)spec.CreateScheduler();
        var session = new SearchSession($"pbt-{spec.Strategy.Seed}", spec.Objective.Direction, spec.CreateSampler(), scheduler);
        var members = Enumerable.Range(0, scheduler.Population).Select(t => (Trial: t, Parameters: session.Propose(t))).ToList();
        var checkpoints = new byte[]?[members.Count];
        var adopted = new bool[members.Count];
        var parameters = members.Select(m => m.Parameters).ToArray();
        var points = new List<Point>();
        var lineage = new List<string>();
        var spent = 0.0;
        var best = double.NaN;
        for (var from = 0; from < spec.Budget.MaxEpochs; from += scheduler.Interval)
        {
            var to = Math.Min(from + scheduler.Interval, spec.Budget.MaxEpochs);
            var trained = Train(spec, baseDirectory, threads, parameters, checkpoints, adopted, to);
            for (var epoch = from + 1; epoch <= to; epoch++)
            {
                for (var t = 0; t < members.Count; t++)
                {
                    var (value, seconds) = trained[t].Epochs[epoch - from - 1];
                    spent += seconds + (epoch == from + 1 ? trained[t].ResumeSeconds : 0);
                    best = Better(value, best, spec.Objective.Direction) ? value : best;
                    if (session.Report(t, epoch, value).ShouldPause)
                    {
                        session.Pause(t, epoch);
                    }
                }

                points.Add(new Point(epoch, spent, best));
            }

            foreach (var (t, result) in trained.Select((r, i) => (i, r)))
            {
                checkpoints[t] = result.Checkpoint;
                adopted[t] = false;
            }

            if (session.NextResume() is not { } plan)
            {
                continue;
            }

            foreach (var exploit in plan.Exploits)
            {
                session.Exploit(exploit);
                checkpoints[exploit.Trial] = checkpoints[exploit.Donor];
                parameters[exploit.Trial] = exploit.After;
                adopted[exploit.Trial] = true;
                lineage.Add(exploit.Explanation);
            }

            plan.Trials.ToList().ForEach(session.Resume);
        }

        return new Run("pbt", (int)spec.Strategy.Seed, points, scheduler.Exploitations, lineage);
    }

    public static Run Fixed(SweepSpec spec, string baseDirectory, int threads)
    {
        var scheduler = (PbtScheduler)spec.CreateScheduler();
        var session = new SearchSession($"pbt-{spec.Strategy.Seed}", spec.Objective.Direction, spec.CreateSampler(), scheduler);
        var parameters = Enumerable.Range(0, scheduler.Population).Select(session.Propose).ToArray();
        var trained = Train(spec, baseDirectory, threads, parameters, new byte[]?[parameters.Length], new bool[parameters.Length], spec.Budget.MaxEpochs);
        var points = new List<Point>();
        var spent = 0.0;
        var best = double.NaN;
        for (var epoch = 1; epoch <= spec.Budget.MaxEpochs; epoch++)
        {
            foreach (var result in trained)
            {
                var (value, seconds) = result.Epochs[epoch - 1];
                spent += seconds + (epoch == 1 ? result.ResumeSeconds : 0);
                best = Better(value, best, spec.Objective.Direction) ? value : best;
            }

            points.Add(new Point(epoch, spent, best));
        }

        return new Run("fixed", (int)spec.Strategy.Seed, points, 0, []);
    }

    private sealed record Trained(IReadOnlyList<(double Value, double Seconds)> Epochs, double ResumeSeconds, byte[] Checkpoint);

    /// <summary>Trains each member from its checkpoint up to epoch <paramref name="to"/>, on <paramref name="threads"/> threads.</summary>
    private static Trained[] Train(SweepSpec spec, string baseDirectory, int threads, TrialParameters[] parameters, byte[]?[] checkpoints, bool[] adopted, int to)
    {
        var results = new Trained[parameters.Length];
        Parallel.For(0, parameters.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var request = CurveRecorder.Request(spec, baseDirectory, parameters[t], checkpoints[t], adopted[t]) with { MaxEpochs = to };
            var before = ThreadCpu.Seconds();
            var setup = TrialRunner.Prepare(request, TaskDataCache.Shared);
            var prepared = ThreadCpu.Seconds() - before;
            var epochs = new List<(double, double)>();
            byte[]? checkpoint = null;
            var start = ThreadCpu.Seconds();
            setup.Trainer.RunAsync(new TrainingCallbacks(
                OnEpochEnd: (metrics, _) =>
                {
                    epochs.Add((metrics.Get(spec.Objective.Metric)!.Value, ThreadCpu.Seconds() - start));
                    start = ThreadCpu.Seconds();
                    return ValueTask.FromResult(EpochDecision.Continue);
                },
                OnCheckpoint: (_, bytes, _) =>
                {
                    checkpoint = bytes;
                    return ValueTask.CompletedTask;
                })).GetAwaiter().GetResult();
            results[t] = new Trained(epochs, checkpoints[t] is null ? 0 : prepared, checkpoint!);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  member {t} to epoch {to}: {string.Join(", ", epochs.Select(e => $"{e.Item1:F1} ({e.Item2:F0} s)"))}; {parameters[t]}{(adopted[t] ? " (adopted)" : "")}"));
        });
        return results;
    }

    private static bool Better(double value, double best, StudyDirection direction) =>
        !double.IsNaN(value) && (double.IsNaN(best) || (direction == StudyDirection.Maximize ? value > best : value < best));
}
