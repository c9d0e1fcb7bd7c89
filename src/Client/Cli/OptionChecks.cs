using System.CommandLine;

namespace HyperSweep.Client.Cli;

/// <summary>
/// Range checks on option values, reported as parse errors (one line, exit 2) like every other usage mistake. A value
/// that did not convert (<c>--top ten</c>) is already an error of its own and is not checked again.
/// </summary>
public static class OptionChecks
{
    /// <summary>Adds a check: <paramref name="problem"/> returns what is wrong with a value, or null when it is fine.</summary>
    public static TOption Check<TOption, T>(this TOption option, Func<T, string?> problem)
        where TOption : Option<T>
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(problem);
        option.Validators.Add(result =>
        {
            T value;
            try
            {
                value = result.GetValueOrDefault<T>();
            }
            catch (InvalidOperationException)
            {
                return;
            }

            if (problem(value) is { } message)
            {
                result.AddError(message);
            }
        });
        return option;
    }
}
