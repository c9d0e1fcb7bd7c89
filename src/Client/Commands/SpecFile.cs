using HyperSweep.Contracts;
using HyperSweep.Engine.Schema;
using HyperSweep.Search.Spec;

namespace HyperSweep.Client.Commands;

/// <summary>
/// Reads a spec file and checks it as the coordinator will — every value against the schema, and the data files it
/// names opened relative to the spec's folder — reporting errors as file:line:column. Nothing is submitted when it fails.
/// </summary>
public static class SpecFile
{
    /// <summary>The spec text, the parsed spec and its folder, or null when it failed (the errors are already printed to <paramref name="error"/>).</summary>
    /// <param name="schema">What the trials accept; null = the Engine's (real training).</param>
    public static async Task<LoadedSpec?> LoadAsync(FileInfo file, string command, TextWriter error, ISweepSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(error);
        if (!file.Exists)
        {
            await error.WriteLineAsync(Directory.Exists(file.FullName)
                ? $"{command}: {file.FullName} is a folder; give a spec file (e.g. examples/quickstart.yaml)"
                : $"{command}: spec file not found: {file.FullName}");
            return null;
        }

        string text;
        try
        {
            text = await File.ReadAllTextAsync(file.FullName);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{command}: cannot read the spec file {file.FullName}: {Cli.ErrorText.Of(exception)}");
            return null;
        }

        var folder = file.DirectoryName ?? Directory.GetCurrentDirectory();
        try
        {
            var loaded = new LoadedSpec(text, SweepSpecParser.Parse(text, file.ToString(), schema ?? EngineSchema.Instance, folder), folder);
            if (loaded.Spec.Parameters.Parameters.Count == 0 && loaded.PlannedTrials > 1)
            {
                // A trial file given to run, or a spec whose search space was forgotten: say so before N identical trials run.
                await error.WriteLineAsync(
                    $"{command}: note: {file} has no parameters: to search, so its {loaded.PlannedTrials} trials all train the same configuration (one trial: hypersweep train {file})");
            }

            return loaded;
        }
        catch (SpecException exception)
        {
            await WriteErrorsAsync([new SpecError(exception.Source, (int)exception.Line, (int)exception.Column, exception.Field, exception.Problem)], error);
            return null;
        }
    }

    public static async Task WriteErrorsAsync(IEnumerable<SpecError> errors, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(error);
        foreach (var e in errors)
        {
            await error.WriteLineAsync(e.ToString());
        }
    }
}
