using System.Text.Json;
using HyperSweep.Search.Sampling.Tpe;
using HyperSweep.Search.Spaces;
using Xunit.Abstractions;

namespace HyperSweep.Search.Tests.Sampling.Tpe;

/// <summary>
/// Replays every Optuna 3.1 TPE trace in HYPERSWEEP_TPE_DIR (default tests/Fixtures/tpe/traces) through our
/// sampler and requires what TPE-TRACES.md section 7 requires, at levels A and B: the same start-up test, split,
/// estimators, log-densities at Optuna's candidates, winner (up to recorded exact ties), external value, relative
/// search spaces, and draws from Optuna's recorded components and uniforms. The recorded history is fed forward
/// (never our own choices). One row per file, so a new trace is checked without code changes; a setting we do not
/// support makes <c>TpeSettings.From</c> throw, which fails the row.
/// </summary>
public sealed class TpeParityTests(ITestOutputHelper output)
{
    public static TheoryData<string> TraceFiles() => FilesIn(RepositoryPaths.TpeTraces);

    public static TheoryData<string> LocalTraceFiles() => FilesIn(RepositoryPaths.LocalTpeTraces);

    [Fact]
    public void TheTraceFolderHoldsTraces()
    {
        Assert.True(Directory.Exists(RepositoryPaths.TpeTraces), $"missing trace folder {RepositoryPaths.TpeTraces}");
        Assert.NotEmpty(Directory.GetFiles(RepositoryPaths.TpeTraces, "*.json"));
    }

    [Theory]
    [MemberData(nameof(TraceFiles))]
    public void EveryDecisionMatchesOptuna(string traceFile) => Replay(Path.Combine(RepositoryPaths.TpeTraces, traceFile));

    /// <summary>The settings mixes the shared set leaves out (no prior, hyperopt gamma, p15 gamma, …), recorded the same way.</summary>
    [Theory]
    [MemberData(nameof(LocalTraceFiles))]
    public void EveryLocallyRecordedDecisionMatchesOptuna(string traceFile) => Replay(Path.Combine(RepositoryPaths.LocalTpeTraces, traceFile));

    private static TheoryData<string> FilesIn(string directory)
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(path));
            }
        }
        return data;
    }

    private void Replay(string path)
    {
        var traceFile = Path.GetFileName(path);
        var trace = TpeTrace.Load(path);
        var settings = TpeSettings.From(trace.Settings);
        var sampler = new TpeSampler(trace.Space, trace.Seed, settings);
        AssertDistributionsAsOptunaHoldsThem(trace, sampler);
        var study = new Study(traceFile, trace.Direction);
        var check = new TpeDecisionCheck(trace, sampler);
        var pending = new Dictionary<int, List<KeyValuePair<string, object>>>();
        var relative = new Dictionary<string, double>(StringComparer.Ordinal);
        var expectedSpaces = new Queue<(int Group, int[] Space)>();
        var startupChecks = 0;

        for (var index = 0; index < trace.Events.Count; index++)
        {
            var ev = trace.Events[index];
            var trial = ev.GetProperty("trial").GetInt32();
            var where = $"{traceFile} event {index} (trial {trial})";
            switch (ev.GetProperty("ev").GetString())
            {
                case "ask":
                    Flush(study, pending);
                    AssertNoRelativeDecisionMissing(expectedSpaces, where);
                    study.Create(trial);
                    sampler.OnTrialCreated(study, trial);
                    relative.Clear();
                    pending[trial] = [];
                    // The joint decisions Optuna makes inside this ask: one per non-empty sub-space, in list order.
                    var spaces = sampler.RelativeSpaces(study);
                    for (var group = 0; group < spaces.Count; group++)
                    {
                        if (spaces[group].Length > 0)
                        {
                            expectedSpaces.Enqueue((group, spaces[group]));
                        }
                    }
                    break;
                case "relative":
                    Assert.True(expectedSpaces.TryDequeue(out var expected), $"{where}: Optuna made a relative decision we did not expect");
                    Assert.True(ev.GetProperty("group").GetInt32() == expected.Group, $"{where}: group {expected.Group}, Optuna {ev.GetProperty("group")}");
                    Assert.Equal(ev.GetProperty("space").EnumerateArray().Select(e => e.GetString()), expected.Space.Select(p => sampler.Parameters[p].Name));
                    if (ev.TryGetProperty("startup", out var startup) && startup.GetBoolean())
                    {
                        AssertStartup(sampler, settings, ev, where);
                        startupChecks++;
                        break;
                    }
                    var joint = check.Check(ev, sampler.Decide(study, expected.Space, relative: true), where);
                    for (var d = 0; d < expected.Space.Length; d++)
                    {
                        relative[sampler.Parameters[expected.Space[d]].Name] = joint[d];
                    }
                    AssertExternal(trace, sampler, expected.Space, joint, ev.GetProperty("chosen_external"), where);
                    break;
                case "param":
                    var name = ev.GetProperty("name").GetString()!;
                    var p = sampler.IndexOf(name);
                    switch (ev.GetProperty("source").GetString())
                    {
                        case "random":
                            AssertStartup(sampler, settings, ev, where);
                            startupChecks++;
                            break;
                        case "tpe":
                            var chosen = check.Check(ev, sampler.Decide(study, [p], relative: false), where);
                            AssertExternalValue(trace, sampler.Parameters[p], chosen[0], ev.GetProperty("value"), where);
                            break;
                        case "relative":
                            Assert.True(relative.TryGetValue(name, out var fromJoint), $"{where}: '{name}' came from a relative decision we did not make");
                            Assert.Equal(TpeTrace.Number(ev.GetProperty("internal")), fromJoint);
                            break;
                    }
                    pending[trial].Add(new KeyValuePair<string, object>(name, trace.External(name, ev.GetProperty("value"))));
                    break;
                case "tell":
                    Flush(study, pending);
                    Tell(study, trial, ev);
                    break;
            }
        }
        AssertNoRelativeDecisionMissing(expectedSpaces, $"{traceFile} end");
        output.WriteLine($"{traceFile}: {check.Decisions} TPE decisions and {startupChecks} start-up checks agree; {check.Ties} exact ties broken the other way; "
            + $"max relative deviation: estimators {check.MaxEstimatorDeviation:E1}, log-densities {check.MaxDensityDeviation:E1}, draws {check.MaxDrawDeviation:E1}");
        Assert.True(check.Decisions > 0, $"{traceFile}: no TPE decision was checked");
    }

    private static void AssertDistributionsAsOptunaHoldsThem(TpeTrace trace, TpeSampler sampler)
    {
        foreach (var parameter in sampler.Parameters)
        {
            var declared = trace.Declarations[parameter.Name];
            if (!parameter.Distribution.IsCategorical)
            {
                Assert.Equal(declared.GetProperty("low").GetDouble(), parameter.Distribution.Low);
                Assert.Equal(declared.GetProperty("high").GetDouble(), parameter.Distribution.High);
            }
        }
    }

    private static void AssertStartup(TpeSampler sampler, TpeSettings settings, JsonElement ev, string where)
    {
        var n = sampler.History.FinishedObservationCount;
        Assert.True(n == ev.GetProperty("n").GetInt32(), $"{where}: n = {n}, Optuna {ev.GetProperty("n")}");
        Assert.True(n < settings.NStartupTrials, $"{where}: Optuna was still starting up, we would not be (n = {n})");
    }

    private static void AssertNoRelativeDecisionMissing(Queue<(int Group, int[] Space)> expected, string where) =>
        Assert.True(expected.Count == 0, $"{where}: we expected {expected.Count} more relative decision(s) Optuna did not make");

    private static void AssertExternal(TpeTrace trace, TpeSampler sampler, int[] space, double[] chosen, JsonElement external, string where)
    {
        for (var d = 0; d < space.Length; d++)
        {
            var parameter = sampler.Parameters[space[d]];
            AssertExternalValue(trace, parameter, chosen[d], external.GetProperty(parameter.Name), $"{where} ({parameter.Name})");
        }
    }

    /// <summary>
    /// Our external value of an internal one against the trace's: the same choice, the same integer, the same float
    /// (a stepped float snaps to our decimal grid value, within an ulp of Optuna's).
    /// </summary>
    private static void AssertExternalValue(TpeTrace trace, TpeParameter parameter, double value, JsonElement expected, string where)
    {
        var ours = parameter.ToExternal(value);
        switch (parameter.Parameter.Domain)
        {
            case CategoricalDomain:
                Assert.True(trace.Declarations[parameter.Name].GetProperty("choices")[(int)value].GetRawText() == expected.GetRawText(), $"{where}: external choice");
                break;
            case IntDomain:
                Assert.True(expected.GetInt64() == (long)ours, $"{where}: external {ours}, Optuna {expected}");
                break;
            default:
                var optuna = TpeTrace.Number(expected);
                var deviation = Math.Abs(optuna - (double)ours) / Math.Max(1, Math.Abs(optuna));
                Assert.True(deviation <= 1e-15, $"{where}: external {ours}, Optuna {optuna}");
                break;
        }
    }

    private static void Flush(Study study, Dictionary<int, List<KeyValuePair<string, object>>> pending)
    {
        foreach (var (trial, parameters) in pending)
        {
            study.SetParameters(trial, new TrialParameters(parameters));
        }
        pending.Clear();
    }

    private static void Tell(Study study, int trial, JsonElement ev)
    {
        if (ev.TryGetProperty("intermediate", out var intermediate))
        {
            foreach (var report in intermediate.EnumerateArray())
            {
                study.Report(trial, report[0].GetInt32(), TpeTrace.Number(report[1]));
            }
        }
        switch (ev.GetProperty("state").GetString())
        {
            case "complete":
                study.Finish(trial, TrialState.Completed, TpeTrace.Number(ev.GetProperty("value")));
                break;
            case "pruned":
                study.Finish(trial, TrialState.Pruned);
                break;
            case "fail":
                study.Finish(trial, TrialState.Failed);
                break;
            default:
                throw new InvalidDataException($"unknown state {ev.GetProperty("state")}");
        }
    }
}
