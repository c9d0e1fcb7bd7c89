using System.Globalization;

namespace HyperSweep.Contracts;

/// <summary>Builds and reads the string key of a trial grain: sweep id, slash, trial number.</summary>
public static class TrialKey
{
    public static string Format(string sweepId, int trial) =>
        string.Create(CultureInfo.InvariantCulture, $"{sweepId}/{trial}");

    public static (string SweepId, int Trial) Parse(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var trial))
        {
            throw new FormatException($"'{key}' is not a trial key of the form <sweep id>/<trial number>.");
        }

        return (key[..slash], trial);
    }
}
