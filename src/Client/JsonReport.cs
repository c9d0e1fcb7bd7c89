using System.Text;
using System.Text.Json;
using HyperSweep.Contracts;

namespace HyperSweep.Client;

/// <summary>
/// The <c>run --json</c> document: sweep_id, name, state, objective, best {trial, value, params}, and every
/// trial with number, state, epochs_run, best_value, params and reason (why it was pruned or failed).
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
            json.WriteString("sweep_id", status.SweepId);
            json.WriteString("name", status.Name);
            json.WriteString("state", Formatting.State(status.State));
            if (status.Reason is not null)
            {
                json.WriteString("reason", status.Reason);
            }

            json.WriteStartObject("objective");
            json.WriteString("metric", status.Objective.Metric);
            json.WriteString("direction", status.Objective.Maximize ? "maximize" : "minimize");
            json.WriteEndObject();
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

            json.WriteStartArray("trials");
            foreach (var trial in snapshot.Trials)
            {
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

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteParameters(Utf8JsonWriter json, IReadOnlyDictionary<string, object> parameters)
    {
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
