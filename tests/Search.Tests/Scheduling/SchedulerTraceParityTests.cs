using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperSweep.Engine.Schema;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Scheduling;
using HyperSweep.Search.Spec;
using HyperSweep.Search.Tests.Pruning;

namespace HyperSweep.Search.Tests.Scheduling;

/// <summary>
/// A spec with <c>scheduler: {name: asha | hyperband, promotion: false, …}</c> IS Optuna's SuccessiveHalvingPruner or
/// HyperbandPruner: every successive-halving and Hyperband trace of tests/Fixtures/pruning, written as such a spec,
/// parsed by the real parser and replayed through the scheduler it builds, gives Optuna's should_prune at every event.
/// </summary>
public sealed class SchedulerTraceParityTests
{
    public static TheoryData<string> HalvingTraces()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepositoryPaths.PruningTraces, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith("sha_", StringComparison.Ordinal) || name.StartsWith("hyperband_", StringComparison.Ordinal))
            {
                data.Add(name);
            }
        }

        return data;
    }

    [Fact]
    public void BothKindsOfTraceAreThere()
    {
        var names = Directory.GetFiles(RepositoryPaths.PruningTraces, "*.json").Select(p => Path.GetFileName(p)!).ToList();
        Assert.Contains(names, n => n.StartsWith("sha_", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("hyperband_", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(HalvingTraces))]
    public void APromotionFalseSpecDecidesAsOptuna(string traceFile)
    {
        var trace = PruningTrace.Load(Path.Combine(RepositoryPaths.PruningTraces, traceFile));
        var spec = SweepSpecParser.Parse(SpecFor(trace), traceFile + ".yaml", EngineSchema.Instance);
        var scheduler = spec.CreateScheduler();
        Assert.IsType<PrunerScheduler>(scheduler);
        Assert.Equal(trace.Pruner.Name, scheduler.Name);
        var session = new SearchSession(trace.StudyName, trace.Direction, NopSampler.Instance, scheduler);
        var decisions = 0;
        for (var index = 0; index < trace.Events.Count; index++)
        {
            var ev = trace.Events[index];
            var trial = ev.GetProperty("trial").GetInt32();
            if (ev.TryGetProperty("end", out var end))
            {
                session.Finish(trial, PruningTrace.StateOf(end.GetString()!));
                continue;
            }

            var decision = session.Report(trial, ev.GetProperty("step").GetInt32(), PruningTrace.ValueOf(ev.GetProperty("value")));
            Assert.True(ev.GetProperty("should_prune").GetBoolean() == decision.ShouldPrune,
                $"{traceFile} event {index}: Optuna said {ev.GetProperty("should_prune")}, the scheduler said {decision}");
            Assert.NotEqual(ScheduleAction.Pause, decision.Action);
            decisions++;
        }

        Assert.True(decisions > 0);
    }

    /// <summary>The trace's pruner written as a scheduler section (settings by their Optuna names; "auto" as is).</summary>
    private static string SpecFor(PruningTrace trace)
    {
        var pruner = trace.Root.GetProperty("pruner");
        var name = pruner.GetProperty("name").GetString() == "HyperbandPruner" ? "hyperband" : "asha";
        var yaml = new StringBuilder();
        yaml.AppendLine("name: trace");
        yaml.AppendLine("budget: {max_epochs: 100000}");
        yaml.AppendLine("scheduler:");
        yaml.AppendLine($"  name: {name}");
        yaml.AppendLine("  promotion: false");
        foreach (var setting in pruner.GetProperty("params").EnumerateObject())
        {
            var value = setting.Value.ValueKind == JsonValueKind.String
                ? setting.Value.GetString()
                : setting.Value.GetInt64().ToString(CultureInfo.InvariantCulture);
            yaml.AppendLine($"  {setting.Name}: {value}");
        }

        return yaml.ToString();
    }
}
