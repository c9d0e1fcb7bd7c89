using System.Globalization;
using System.Text;
using HyperSweep.Contracts;
using HyperSweep.Engine.Schema;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Client.Train;

/// <summary>
/// Writes what a sweep's trial trained with (<see cref="TrialAssignment"/>) as a trial file in the spec's vocabulary
/// (<see cref="TrialFileParser"/>): <c>hypersweep train</c> on it builds the same request the coordinator built, so it
/// reproduces the trial's metrics bit for bit. Doubles are written round-trip exact (and always with a decimal point, so
/// they read back as doubles); text that YAML would read as something else is quoted; relative data and <c>pretrained</c>
/// paths are made absolute (they were relative to the sweep's spec folder).
/// </summary>
public static class TrialFileWriter
{
    public static string Write(TrialAssignment assignment, string sweepName)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"# Trial {assignment.Trial} of sweep {sweepName} ({assignment.SweepId}), attempt {assignment.Attempt}.\n");
        yaml.Append("# Reproduce it (the same metrics every epoch):  hypersweep train <this file>\n");
        yaml.Append(CultureInfo.InvariantCulture, $"name: {Scalar(Name(sweepName, assignment.Trial))}\n");
        yaml.Append("task:\n");
        Map(yaml, Absolute(assignment.Task, assignment.BaseDirectory).ToDictionary(), 1);
        yaml.Append("model:\n");
        foreach (var (name, value) in assignment.Parameters)
        {
            var written = name == HyperParameterSchema.Pretrained.Name && value is string path ? Path.GetFullPath(path, assignment.BaseDirectory) : value;
            yaml.Append(CultureInfo.InvariantCulture, $"  {name}: {Scalar(written)}\n");
        }

        yaml.Append(CultureInfo.InvariantCulture, $"objective: {{metric: {assignment.Objective.Metric}, direction: {(assignment.Objective.Maximize ? "maximize" : "minimize")}}}\n");
        yaml.Append(CultureInfo.InvariantCulture, $"strategy: {{seed: {assignment.Seed}}}          # the training seed\n");
        yaml.Append("budget:\n");
        yaml.Append(CultureInfo.InvariantCulture, $"  max_epochs: {assignment.MaxEpochs}\n");
        if (assignment.EarlyStoppingPatience is { } patience)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  early_stopping: {{patience: {patience}, min_delta: {Scalar(assignment.EarlyStoppingMinDelta)}}}\n");
        }

        return yaml.ToString();
    }

    /// <summary>A file name for it: <c>&lt;sweep&gt;-trial-&lt;n&gt;.yaml</c>.</summary>
    public static string DefaultFileName(string sweepName, int trial) => Name(sweepName, trial) + ".yaml";

    private static string Name(string sweepName, int trial) => string.Create(CultureInfo.InvariantCulture, $"{sweepName}-trial-{trial}");

    private static TaskDefinition Absolute(TaskDefinition task, string baseDirectory) => task.Data is FileDataSpec files
        ? task with
        {
            Data = files with
            {
                Train = Path.GetFullPath(files.Train, baseDirectory),
                Dev = Path.GetFullPath(files.Dev, baseDirectory),
                Test = files.Test is null ? null : Path.GetFullPath(files.Test, baseDirectory),
            },
        }
        : task;

    private static void Map(StringBuilder yaml, IReadOnlyDictionary<string, object?> values, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var (name, value) in values)
        {
            if (value is IReadOnlyDictionary<string, object?> section)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"{indent}{name}:\n");
                Map(yaml, section, depth + 1);
            }
            else if (value is not null)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"{indent}{name}: {Scalar(value)}\n");
            }
        }
    }

    /// <summary>A YAML scalar that reads back as the same value and type under the spec's YAML 1.2 core schema.</summary>
    public static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d when double.IsNaN(d) => ".nan",
        double d when double.IsInfinity(d) => d > 0 ? ".inf" : "-.inf",
        double d => WithPoint(d.ToString("R", CultureInfo.InvariantCulture)),
        float f => WithPoint(((double)f).ToString("R", CultureInfo.InvariantCulture)),
        string s => Text(s),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Text(value.ToString() ?? ""),
    };

    private static string WithPoint(string number) =>
        number.Contains('.', StringComparison.Ordinal) || number.Contains('E', StringComparison.Ordinal) || number.Contains('e', StringComparison.Ordinal)
            ? number
            : number + ".0";

    /// <summary>Plain when it stays text; double-quoted (JSON escapes are YAML escapes) otherwise.</summary>
    private static string Text(string text)
    {
        var plain = text.Length > 0
            && text.Trim() == text
            && text.IndexOfAny([':', '#', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '\n', '\r', '\t']) < 0
            && !text.StartsWith('-') && !text.StartsWith('?')
            && ReadsAsText(text);
        return plain ? text : System.Text.Json.JsonSerializer.Serialize(text);
    }

    /// <summary>Whether a plain scalar stays text under the YAML 1.2 core schema (not null, a bool, a number, .inf or .nan).</summary>
    private static bool ReadsAsText(string text) =>
        text.ToLowerInvariant() is not ("~" or "null" or "true" or "false" or ".inf" or "+.inf" or "-.inf" or ".nan")
        && !char.IsDigit(text[0]) && text[0] is not ('.' or '+')
        && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
