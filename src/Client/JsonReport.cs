using System.Text;
using System.Text.Json;
using HyperSweep.Contracts;

namespace HyperSweep.Client;

/// <summary>
/// The JSON documents of the CLI (field names in docs/CLI.md): the sweep fields (sweep_id, name, state, objective,
/// counts, best {trial, value, params}) and trial objects (number, state, epochs_run, best_value, params, reason, ...).
/// </summary>
public static class JsonReport
{
    public static string Render(SweepSnapshot snapshot)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            var status = snapshot.Status;
            json.WriteStartObject();
            WriteStatusFields(json, status);
            json.WriteStartArray("trials");
            foreach (var trial in snapshot.Trials)
            {
                WriteTrial(json, trial);
            }

            json.WriteEndArray();
            FailureSummary.WriteJson(json, snapshot.Trials);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// One trial object: number, state, epochs_run, best_value, params, reason (plus best_epoch, last_value, attempts, silo,
    /// kept, and test: the kept model's test metrics, scored once at the end of the sweep, or null).
    /// </summary>
    public static void WriteTrial(Utf8JsonWriter json, TrialSummary trial)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(trial);
        json.WriteStartObject();
        json.WriteNumber("number", trial.Number);
        json.WriteString("state", Formatting.State(trial.State));
        json.WriteNumber("epochs_run", trial.EpochsRun);
        WriteNumber(json, "best_value", trial.BestValue);
        WriteParameters(json, trial.Parameters);
        if (trial.Reason is null)
        {
            json.WriteNull("reason");
        }
        else
        {
            json.WriteString("reason", trial.Reason);
        }

        if (trial.BestEpoch is { } bestEpoch)
        {
            json.WriteNumber("best_epoch", bestEpoch);
        }
        else
        {
            json.WriteNull("best_epoch");
        }

        WriteNumber(json, "last_value", trial.LastValue);
        json.WriteNumber("attempts", trial.Attempts);
        json.WriteString("silo", trial.Silo);
        json.WriteBoolean("kept", trial.Kept);
        Models.ModelJson.WriteMetrics(json, "test", trial.TestMetrics);
        json.WriteEndObject();
    }

    /// <summary>Writes one JSON document built by <paramref name="write"/> to <paramref name="output"/>.</summary>
    public static void WriteDocument(TextWriter output, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(json);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
        output.Flush();
    }

    /// <summary>The sweep-level fields shared by run --json, status --json and ls --json (without opening an object).</summary>
    public static void WriteStatusFields(Utf8JsonWriter json, SweepStatus status)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(status);
        json.WriteString("sweep_id", status.SweepId);
        json.WriteString("name", status.Name);
        json.WriteString("state", Formatting.State(status.State));
        if (status.Reason is null)
        {
            json.WriteNull("reason");
        }
        else
        {
            json.WriteString("reason", status.Reason);
        }

        json.WriteStartObject("objective");
        json.WriteString("metric", status.Objective.Metric);
        json.WriteString("direction", status.Objective.Maximize ? "maximize" : "minimize");
        json.WriteEndObject();
        json.WriteNumber("planned", status.PlannedTrials);
        json.WriteNumber("finished", status.Finished);
        json.WriteNumber("pending", status.Pending);
        json.WriteNumber("running", status.Running);
        json.WriteNumber("completed", status.Completed);
        json.WriteNumber("pruned", status.Pruned);
        json.WriteNumber("failed", status.Failed);
        json.WriteNumber("cancelled", status.Cancelled);
        json.WritePropertyName("best");
        if (status.Best is { } best)
        {
            json.WriteStartObject();
            json.WriteNumber("trial", best.Number);
            WriteNumber(json, "value", best.BestValue);
            WriteParameters(json, best.Parameters);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteString("created_at", status.CreatedAt);
        if (status.FinishedAt is { } finishedAt)
        {
            json.WriteString("finished_at", finishedAt);
        }
        else
        {
            json.WriteNull("finished_at");
        }
    }

    public static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteParameters(Utf8JsonWriter json, IReadOnlyDictionary<string, object> parameters)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(parameters);
        json.WriteStartObject("params");
        foreach (var (name, value) in parameters)
        {
            switch (value)
            {
                case bool b:
                    json.WriteBoolean(name, b);
                    break;
                case long l:
                    json.WriteNumber(name, l);
                    break;
                case int i:
                    json.WriteNumber(name, i);
                    break;
                case double d:
                    json.WriteNumber(name, d);
                    break;
                default:
                    json.WriteString(name, Formatting.Scalar(value));
                    break;
            }
        }

        json.WriteEndObject();
    }
}
