using System.Globalization;
using System.Text;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Schema;

/// <summary>
/// The vocabulary as a Markdown reference: every hyper-parameter, task option and metric with what it accepts, its
/// default and what it means. docs/HYPERPARAMETERS.md is this text (<c>hypersweep schema</c> prints it, and a
/// test keeps the file equal to it), so the reference cannot drift from what the Engine accepts.
/// </summary>
public static class SchemaReference
{
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine("# Hyper-parameters, tasks and metrics");
        text.AppendLine();
        text.AppendLine("Generated from the Engine's schema (`src/Engine/Schema`) by `hypersweep schema`; a test keeps this");
        text.AppendLine("file equal to that output. These names are what a sweep spec's `model:` and `parameters:` sections, its `task:`");
        text.AppendLine("section and its `objective.metric` accept; `hypersweep validate` checks every value against them.");
        text.AppendLine();
        text.AppendLine("## Hyper-parameters (`model:` fixed values, `parameters:` searched values)");
        text.AppendLine();
        text.AppendLine("A parameter that does not apply to the trial's model (for example `cell` with `arch: dan`) is accepted and");
        text.AppendLine("ignored, so one sweep can compare architectures with fixed settings for each.");
        text.AppendLine();
        Fields(text, HyperParameterSchema.All, withApplies: true);
        text.AppendLine();
        text.AppendLine("## Task (`task:`)");
        text.AppendLine();
        text.AppendLine($"`kind`: {TaskSchema.Kind.Rule.Describe()} (default `{TaskSchema.Kind.Default}`). `data.source`: {TaskSchema.Source.Rule.Describe()}.");
        text.AppendLine();
        text.AppendLine($"### `source: {TaskSchema.Sources.NameOf(DataSource.Agreement)}` — the built-in number-agreement task (no files)");
        text.AppendLine();
        Fields(text, TaskSchema.AgreementFields.Skip(1), withApplies: false);
        text.AppendLine();
        text.AppendLine($"### `source: {TaskSchema.Sources.NameOf(DataSource.Files)}` — data files (paths relative to the spec's folder)");
        text.AppendLine();
        Fields(text, TaskSchema.FilesFields.Skip(1), withApplies: false);
        text.AppendLine();
        text.AppendLine("## Metrics (`objective.metric`; every epoch reports those of its task kind)");
        text.AppendLine();
        text.AppendLine("| metric | better | task kinds | meaning |");
        text.AppendLine("|---|---|---|---|");
        foreach (var metric in MetricSchema.All)
        {
            var kinds = string.Join(", ", metric.Kinds.Select(TaskDefinition.KindName));
            text.AppendLine($"| `{metric.Name}` | {metric.Direction.ToString().ToLowerInvariant()} | {kinds} | {metric.Description} |");
        }

        text.AppendLine();
        var defaults = Enum.GetValues<TaskKind>().Select(k => $"`{MetricSchema.DefaultFor(k).Name}` for {TaskDefinition.KindName(k)}");
        text.AppendLine($"Default objective: {string.Join(", ", defaults)}, in its natural direction.");
        return text.ToString();
    }

    private static void Fields(StringBuilder text, IEnumerable<FieldDefinition> fields, bool withApplies)
    {
        text.AppendLine(withApplies ? "| name | accepts | default | used when | meaning |" : "| name | accepts | default | meaning |");
        text.AppendLine(withApplies ? "|---|---|---|---|---|" : "|---|---|---|---|");
        foreach (var field in fields)
        {
            var accepted = field.Rule.Describe().Replace("|", "\\|", StringComparison.Ordinal);
            var applies = withApplies ? $" {field.AppliesWhen ?? "always"} |" : "";
            text.AppendLine($"| `{field.Name}` | {accepted} | {Default(field.Default)} |{applies} {field.Description.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }
    }

    private static string Default(object? value) => value switch
    {
        null => "unset",
        bool b => b ? "`true`" : "`false`",
        double d => $"`{d.ToString("R", CultureInfo.InvariantCulture)}`",
        IFormattable f => $"`{f.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };
}
