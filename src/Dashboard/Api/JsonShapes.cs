using HyperSweep.Search;
using System.Text.Json.Nodes;
using HyperSweep.Contracts;
using HyperSweep.Dashboard.Data;

namespace HyperSweep.Dashboard.Api;

/// <summary>
/// The JSON documents of /api, with the CLI's field names (docs/CLI.md: sweep fields, trial objects, <c>trial --json</c>),
/// so a script written against <c>hypersweep ... --json</c> reads the dashboard's API the same way. Non-finite numbers
/// are null; states are lower-case.
/// </summary>
public static class JsonShapes
{
    public static JsonObject Sweep(SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var best = status.Best is { } b
            ? new JsonObject { ["trial"] = b.Number, ["value"] = Number(b.BestValue), ["params"] = Parameters(b.Parameters) }
            : null;
        return new JsonObject
        {
            ["sweep_id"] = status.SweepId,
            ["name"] = status.Name,
            ["state"] = State(status.State),
            ["reason"] = status.Reason,
            ["objective"] = Objective(status.Objective),
            ["planned"] = status.PlannedTrials,
            ["finished"] = status.Finished,
            ["pending"] = status.Pending,
            ["running"] = status.Running,
            ["completed"] = status.Completed,
            ["pruned"] = status.Pruned,
            ["failed"] = status.Failed,
            ["cancelled"] = status.Cancelled,
            ["best"] = best,
            ["created_at"] = status.CreatedAt,
            ["finished_at"] = status.FinishedAt,
        };
    }

    /// <summary>A sweep with every trial (<c>run --json</c>'s shape; each trial also has its <c>rank</c>, null without a value).</summary>
    public static JsonObject SweepWithTrials(SweepSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var json = Sweep(snapshot.Status);
        json["trials"] = new JsonArray(snapshot.Trials.Select(t => (JsonNode)Trial(t, snapshot.RankOf.TryGetValue(t.Number, out var r) ? r : null)).ToArray());
        return json;
    }

    /// <summary><c>top --json</c>'s shape: the best <paramref name="top"/> trials, best first.</summary>
    public static JsonObject Leaderboard(SweepSnapshot snapshot, int top)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var byNumber = snapshot.Trials.ToDictionary(t => t.Number);
        var ranked = snapshot.Ranking.Take(top).Select((n, i) => (JsonNode)Trial(byNumber[n], i + 1)).ToArray();
        return new JsonObject
        {
            ["sweep_id"] = snapshot.Status.SweepId,
            ["objective"] = Objective(snapshot.Status.Objective),
            ["trials"] = new JsonArray(ranked),
        };
    }

    /// <summary>A trial object: number, state, epochs_run, best_value, params, reason, best_epoch, last_value, attempts, silo, ended_at, rank.</summary>
    public static JsonObject Trial(TrialSummary trial, int? rank)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return new JsonObject
        {
            ["number"] = trial.Number,
            ["state"] = State(trial.State),
            ["epochs_run"] = trial.EpochsRun,
            ["best_value"] = Number(trial.BestValue),
            ["params"] = Parameters(trial.Parameters),
            ["reason"] = trial.Reason,
            ["best_epoch"] = trial.BestEpoch,
            ["last_value"] = Number(trial.LastValue),
            ["attempts"] = trial.Attempts,
            ["silo"] = trial.Silo,
            ["ended_at"] = trial.EndedAt,
            ["rank"] = rank,
        };
    }

    /// <summary><c>trial --json</c>'s shape: the trial, its attempts and its per-epoch metrics.</summary>
    public static JsonObject TrialDetail(string sweepId, TrialDetail detail)
    {
        ArgumentNullException.ThrowIfNull(detail);
        var epochs = detail.Epochs.OrderBy(e => e.Epoch).Select(e =>
        {
            var row = new JsonObject { ["epoch"] = e.Epoch };
            foreach (var (metric, value) in e.Values)
            {
                row[metric] = Number(value);
            }

            return (JsonNode)row;
        }).ToArray();
        var attempts = detail.Attempts.Select(a => (JsonNode)new JsonObject
        {
            ["attempt"] = a.Attempt,
            ["silo"] = a.Silo,
            ["resumed_from_epoch"] = a.ResumedFromEpoch,
        }).ToArray();
        return new JsonObject
        {
            ["sweep_id"] = sweepId,
            ["trial"] = Trial(detail.Summary, null),
            ["attempts"] = new JsonArray(attempts),
            ["epochs"] = new JsonArray(epochs),
        };
    }

    /// <summary>The fields of <c>hypersweep importance --json</c>.</summary>
    public static JsonObject Importance(string sweepId, ImportanceReport report) => new()
    {
        ["sweep_id"] = sweepId,
        ["method"] = report.Method,
        ["trials"] = report.Trials,
        ["top_quantile"] = report.TopQuantile,
        ["note"] = report.Note,
        ["parameters"] = new JsonArray([.. report.Parameters.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["importance"] = Number(p.Importance),
            ["divergence"] = Number(p.Divergence),
            ["condition"] = p.Condition,
            ["trials"] = p.Trials,
            ["top_trials"] = p.TopTrials,
        })]),
    };

    public static JsonObject Cluster(ClusterSnapshot cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var silos = cluster.Silos.Select(s => (JsonNode)new JsonObject
        {
            ["silo"] = s.Address,
            ["name"] = s.Name,
            ["host"] = s.Host,
            ["status"] = s.Status.ToLowerInvariant(),
            ["started_at"] = s.StartedAt,
            ["left_at"] = s.LeftAt,
            ["slots"] = s.Slots is { } slots
                ? new JsonObject { ["capacity"] = slots.Capacity, ["in_use"] = slots.InUse, ["free"] = Math.Max(0, slots.Capacity - slots.InUse), ["peak"] = slots.PeakInUse }
                : null,
            ["slots_error"] = s.SlotsError,
            ["running_trials"] = new JsonArray((s.Slots?.RunningTrials ?? []).Select(key =>
            {
                var (sweep, trial) = TrialKey.Parse(key);
                return (JsonNode)new JsonObject { ["sweep_id"] = sweep, ["trial"] = trial };
            }).ToArray()),
        }).ToArray();
        return new JsonObject { ["capacity"] = cluster.Capacity, ["in_use"] = cluster.InUse, ["silos"] = new JsonArray(silos) };
    }

    public static string State(SweepState state) => state.ToString().ToLowerInvariant();

    public static string State(TrialState state) => state.ToString().ToLowerInvariant();

    private static JsonObject Objective(Objective objective) =>
        new() { ["metric"] = objective.Metric, ["direction"] = objective.Maximize ? "maximize" : "minimize" };

    private static JsonNode? Number(double? value) => value is { } v && double.IsFinite(v) ? JsonValue.Create(v) : null;

    private static JsonObject Parameters(IReadOnlyDictionary<string, object> parameters)
    {
        var json = new JsonObject();
        foreach (var (name, value) in parameters)
        {
            json[name] = value switch
            {
                bool b => JsonValue.Create(b),
                long l => JsonValue.Create(l),
                int i => JsonValue.Create(i),
                double d => Number(d),
                _ => JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
            };
        }

        return json;
    }
}
