using System.Text.Json;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;

namespace HyperSweep.Search.Tests.Pruning;

/// <summary>
/// Replays every Optuna 3.1 trace in HYPERSWEEP_PRUNING_DIR (default tests/Fixtures/pruning) and requires
/// the same should_prune at every event, the same rung records and brackets at every trial end, and the same
/// derived values (resolved "auto" resources, Hyperband brackets and budgets). One row per trace file, so a
/// new trace dropped into the folder is replayed without touching this class.
/// </summary>
public sealed class PruningParityTests
{
    public static TheoryData<string> TraceFiles()
    {
        var data = new TheoryData<string>();
        var directory = RepositoryPaths.PruningTraces;
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(path));
            }
        }
        return data;
    }

    [Fact]
    public void TheTraceFolderHoldsTraces()
    {
        Assert.True(Directory.Exists(RepositoryPaths.PruningTraces), $"missing trace folder {RepositoryPaths.PruningTraces}");
        Assert.NotEmpty(Directory.GetFiles(RepositoryPaths.PruningTraces, "*.json"));
    }

    [Theory]
    [MemberData(nameof(TraceFiles))]
    public void EveryDecisionMatchesOptuna(string traceFile)
    {
        var trace = PruningTrace.Load(Path.Combine(RepositoryPaths.PruningTraces, traceFile));
        var pruner = PrunerFactory.Create(trace.Pruner);
        var session = new SearchSession(trace.StudyName, trace.Direction, NopSampler.Instance, pruner);
        int? shaResolvedAt = null;
        int? hyperbandInitializedAt = null;

        for (var index = 0; index < trace.Events.Count; index++)
        {
            var ev = trace.Events[index];
            var trial = ev.GetProperty("trial").GetInt32();
            if (ev.TryGetProperty("end", out var end))
            {
                session.Finish(trial, PruningTrace.StateOf(end.GetString()!));
                AssertTrialEnd(trace, session, pruner, ev, trial, index);
                continue;
            }
            var decision = session.Report(trial, ev.GetProperty("step").GetInt32(), PruningTrace.ValueOf(ev.GetProperty("value")));
            var expected = ev.GetProperty("should_prune").GetBoolean();
            Assert.True(expected == decision.ShouldPrune,
                $"{traceFile} event {index} (trial {trial}, step {ev.GetProperty("step")}): Optuna said {expected}, we said {decision}");
            if (pruner is SuccessiveHalvingPruner { MinResource: not null } && shaResolvedAt is null)
            {
                shaResolvedAt = index;
            }
            if (pruner is HyperbandPruner { IsInitialized: true } && hyperbandInitializedAt is null)
            {
                hyperbandInitializedAt = index;
            }
        }

        if (pruner is SuccessiveHalvingPruner sha && trace.Derived("min_resource") is { } minResource)
        {
            Assert.Equal(minResource.GetInt32(), sha.MinResource);
            Assert.Equal(trace.Derived("min_resource_resolved_at_event")!.Value.GetInt32(), shaResolvedAt);
        }
        if (pruner is HyperbandPruner hyperband)
        {
            Assert.Equal(trace.Derived("initialized_at_event")!.Value.GetInt32(), hyperbandInitializedAt);
            Assert.Equal(trace.Derived("max_resource")!.Value.GetInt32(), hyperband.MaxResource);
            Assert.Equal(trace.Derived("n_brackets")!.Value.GetInt32(), hyperband.BracketCount);
            Assert.Equal(trace.Derived("trial_allocation_budgets")!.Value.EnumerateArray().Select(b => b.GetInt64()), hyperband.TrialAllocationBudgets);
            Assert.Equal(trace.Derived("total_trial_allocation_budget")!.Value.GetInt64(), hyperband.TotalTrialAllocationBudget);
            var brackets = trace.Derived("brackets")!.Value.EnumerateArray().Select(b => b.GetInt32()).ToList();
            for (var number = 0; number < brackets.Count; number++)
            {
                Assert.Equal(brackets[number], hyperband.BracketOf(trace.StudyName, number));
            }
        }
    }

    [Theory]
    [MemberData(nameof(TraceFiles))]
    public void ARebuiltSessionDecidesLikeTheOriginal(string traceFile)
    {
        // A coordinator restart half-way through: rebuild from the log, then the rest must still match Optuna.
        var trace = PruningTrace.Load(Path.Combine(RepositoryPaths.PruningTraces, traceFile));
        var session = new SearchSession(trace.StudyName, trace.Direction, NopSampler.Instance, PrunerFactory.Create(trace.Pruner));
        var half = trace.Events.Count / 2;
        for (var index = 0; index < trace.Events.Count; index++)
        {
            if (index == half)
            {
                session = SearchSession.Rebuild(trace.StudyName, trace.Direction, NopSampler.Instance, PrunerFactory.Create(trace.Pruner), session.Log);
            }
            var ev = trace.Events[index];
            var trial = ev.GetProperty("trial").GetInt32();
            if (ev.TryGetProperty("end", out var end))
            {
                session.Finish(trial, PruningTrace.StateOf(end.GetString()!));
                continue;
            }
            var decision = session.Report(trial, ev.GetProperty("step").GetInt32(), PruningTrace.ValueOf(ev.GetProperty("value")));
            Assert.True(ev.GetProperty("should_prune").GetBoolean() == decision.ShouldPrune, $"{traceFile} event {index} after rebuild: {decision}");
        }
    }

    private static void AssertTrialEnd(PruningTrace trace, SearchSession session, IPruner pruner, JsonElement ev, int trial, int index)
    {
        var reports = session.Study.Trial(trial);
        if (ev.GetProperty("end").GetString() == "pruned")
        {
            var stored = PruningTrace.ValueOf(ev.GetProperty("value"));
            Assert.Equal(stored, reports.ValueAt(reports.LastStep!.Value));
        }
        if (ev.TryGetProperty("rungs", out var rungs))
        {
            var expected = rungs.EnumerateObject().ToDictionary(p => int.Parse(p.Name), p => PruningTrace.ValueOf(p.Value));
            IReadOnlyList<double> actual = pruner switch
            {
                SuccessiveHalvingPruner sha => sha.RungsOf(trial),
                HyperbandPruner hb when hb.IsInitialized => hb.Bracket(hb.BracketOf(trace.StudyName, trial)).RungsOf(trial),
                _ => Array.Empty<double>(),
            };
            Assert.True(expected.Count == actual.Count, $"event {index}: trial {trial} has {actual.Count} rung records, Optuna {expected.Count}");
            for (var rung = 0; rung < actual.Count; rung++)
            {
                Assert.Equal(expected[rung], actual[rung]);
            }
        }
        if (ev.TryGetProperty("bracket", out var bracket) && pruner is HyperbandPruner hyperband)
        {
            Assert.Equal(bracket.GetInt32(), hyperband.BracketOf(trace.StudyName, trial));
        }
    }
}
