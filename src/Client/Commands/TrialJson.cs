using HyperSweep.Contracts;

namespace HyperSweep.Client.Commands;

/// <summary><c>trial --json</c>: {sweep_id, trial, seed, attempts, epochs} (docs/CLI.md).</summary>
public static class TrialJson
{
    public static void Write(CommandContext context, SweepStatus status, TrialDetail detail, TrialAssignment? assignment)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(detail);
        JsonReport.WriteDocument(context.Out, json =>
        {
            json.WriteStartObject();
            json.WriteString("sweep_id", status.SweepId);
            json.WritePropertyName("trial");
            JsonReport.WriteTrial(json, detail.Summary);
            if (assignment is null)
            {
                json.WriteNull("seed");
            }
            else
            {
                json.WriteNumber("seed", assignment.Seed);
            }

            json.WriteStartArray("attempts");
            foreach (var attempt in detail.Attempts)
            {
                json.WriteStartObject();
                json.WriteNumber("attempt", attempt.Attempt);
                json.WriteString("silo", attempt.Silo);
                json.WriteNumber("resumed_from_epoch", attempt.ResumedFromEpoch);
                json.WriteNumber("resumed_from_batch", attempt.ResumedFromBatch);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("epochs");
            foreach (var epoch in detail.Epochs)
            {
                json.WriteStartObject();
                json.WriteNumber("epoch", epoch.Epoch);
                foreach (var (name, value) in epoch.Values)
                {
                    JsonReport.WriteNumber(json, name, value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}
