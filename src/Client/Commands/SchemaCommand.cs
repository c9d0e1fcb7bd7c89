using System.CommandLine;
using HyperSweep.Client.Cli;
using HyperSweep.Engine.Schema;

namespace HyperSweep.Client.Commands;

/// <summary>
/// <c>hypersweep schema</c>: what a sweep spec accepts — every hyper-parameter, task option and metric with its accepted
/// values, default and meaning — as Markdown (docs/HYPERPARAMETERS.md is this output) or as JSON.
/// </summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the hyper-parameters, task options and metrics as JSON." };
        var command = new Command("schema", "Show every hyper-parameter, task option and metric a spec accepts, with defaults (Markdown, or --json).")
        {
            json,
        };
        command.WithExamples(
            "hypersweep schema                 # Markdown: docs/HYPERPARAMETERS.md is this output",
            "hypersweep schema --json | jq '.hyper_parameters[].name'");
        command.SetAction(async parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (!parse.GetValue(json))
            {
                await output.WriteAsync(SchemaReference.Markdown());
                return ExitCodes.Success;
            }

            JsonReport.WriteDocument(output, w =>
            {
                w.WriteStartObject();
                Fields(w, "hyper_parameters", HyperParameterSchema.All);
                Fields(w, "agreement_options", TaskSchema.AgreementFields);
                Fields(w, "files_options", TaskSchema.FilesFields);
                w.WriteStartArray("metrics");
                foreach (var metric in MetricSchema.All)
                {
                    w.WriteStartObject();
                    w.WriteString("name", metric.Name);
                    w.WriteString("direction", metric.Direction.ToString().ToLowerInvariant());
                    w.WriteString("description", metric.Description);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Fields(System.Text.Json.Utf8JsonWriter w, string name, IEnumerable<FieldDefinition> fields)
    {
        w.WriteStartArray(name);
        foreach (var field in fields)
        {
            w.WriteStartObject();
            w.WriteString("name", field.Name);
            w.WriteString("kind", field.Rule.Kind.ToString().ToLowerInvariant());
            w.WriteString("accepts", field.Rule.Describe());
            w.WriteString("default", field.Default is null ? null : Convert.ToString(field.Default, System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("applies_when", field.AppliesWhen);
            w.WriteString("description", field.Description);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
