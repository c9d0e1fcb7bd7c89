using System.Collections.Concurrent;
using System.Globalization;
using HyperSweep.Engine.Tasks;
using HyperSweep.Engine.Training;
using HyperSweep.Search;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spec;

namespace HyperSweep.Scheduler.Bench;

/// <summary>
/// Trains every configuration the spec's sampler proposes (for each seed: the strategy's seed, which is also the training
/// seed) to the budget's end, on <c>threads</c> training threads, and records each epoch's objective and thread CPU time
/// as TSV lines: seed, trial, parameters, epoch, value, core-seconds. A resume's extra cost (building the model and
/// loading a checkpoint) is measured once per seed and recorded as epoch 0.
/// </summary>
internal static class CurveRecorder
{
    public static void Record(SweepSpec spec, string baseDirectory, IReadOnlyList<int> seeds, int? trials, int threads, TextWriter output)
    {
        output.WriteLine("# seed\ttrial\tparameters\tepoch\tvalue\tcore_seconds");
        var cache = new TaskDataCache();
        foreach (var seed in seeds)
        {
            var seeded = spec with { Strategy = spec.Strategy with { Seed = seed } };
            var count = (int)Math.Min(trials ?? int.MaxValue, seeded.TrialCount(seeded.CreateSampler()));
            var session = new SearchSession($"bench-{seed}", seeded.Objective.Direction, seeded.CreateSampler(), new Search.Pruning.NopPruner());
            var configs = Enumerable.Range(0, count).Select(session.Propose).ToList();
            var lines = new ConcurrentDictionary<int, List<string>>();
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, trial =>
            {
                var request = Request(seeded, baseDirectory, configs[trial], null);
                var rows = new List<string>();
                var started = ThreadCpu.Seconds();
                var setup = TrialRunner.Prepare(request, cache);
                var epochStart = ThreadCpu.Seconds();
                var epochs = setup.Trainer.RunAsync(new TrainingCallbacks(OnEpochEnd: (metrics, _) =>
                {
                    var now = ThreadCpu.Seconds();
                    rows.Add(Row(seed, trial, configs[trial], metrics.Epoch, metrics.Get(seeded.Objective.Metric)!.Value, now - epochStart));
                    epochStart = ThreadCpu.Seconds();
                    return ValueTask.FromResult(EpochDecision.Continue);
                })).GetAwaiter().GetResult();
                if (trial == 0)
                {
                    // What a resume costs on top of its epochs: rebuild the trainer and load a checkpoint.
                    var checkpoint = setup.Trainer.CheckpointBytes();
                    var before = ThreadCpu.Seconds();
                    TrialRunner.Prepare(request with { ResumeFrom = checkpoint }, cache);
                    rows.Insert(0, Row(seed, trial, configs[trial], 0, double.NaN, ThreadCpu.Seconds() - before));
                }

                lines[trial] = rows;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"seed {seed} trial {trial}/{count}: {epochs.Epochs.Count} epochs, {ThreadCpu.Seconds() - started:F1} core-s, {configs[trial]}"));
            });
            foreach (var trial in Enumerable.Range(0, count))
            {
                lines[trial].ForEach(output.WriteLine);
            }

            output.Flush();
        }
    }

    public static TrialRequest Request(SweepSpec spec, string baseDirectory, Search.Spaces.TrialParameters parameters, byte[]? resumeFrom, bool adopt = false) =>
        new(TaskDefinition.Parse(spec.Task.Section), spec.HyperParametersFor(parameters).ToDictionary(p => p.Key, p => (object?)p.Value),
            (int)spec.Strategy.Seed, spec.Budget.MaxEpochs, spec.Objective, BaseDirectory: baseDirectory, ResumeFrom: resumeFrom, AdoptCheckpoint: adopt);

    private static string Row(int seed, int trial, Search.Spaces.TrialParameters parameters, int epoch, double value, double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{seed}\t{trial}\t{parameters.Key}\t{epoch}\t{value:R}\t{seconds:F4}");
}
