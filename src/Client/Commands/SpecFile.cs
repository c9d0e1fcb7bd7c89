using HyperSweep.Contracts;
using HyperSweep.Grains.Planning;

namespace HyperSweep.Client.Commands;

/// <summary>Reads and validates a spec file the way the coordinator will (Search's parser), reporting errors as file:line:column.</summary>
public static class SpecFile
{
    /// <summary>The spec text and its plan, or the errors (already printed to <paramref name="error"/>) as null.</summary>
    public static async Task<(string Text, ISweepPlan Plan)?> LoadAsync(FileInfo file, string command, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(error);
        if (!file.Exists)
        {
            await error.WriteLineAsync($"{command}: spec file not found: {file.FullName}");
            return null;
        }

        var text = await File.ReadAllTextAsync(file.FullName);
        try
        {
            return (text, new SearchSweepPlanFactory().Create(text, file.ToString()));
        }
        catch (SweepSpecException exception)
        {
            await WriteErrorsAsync(exception.Errors, error);
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
