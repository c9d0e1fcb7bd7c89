using System.Collections;

namespace HyperSweep.Silo.Telemetry;

/// <summary>The telemetry-related environment variables as configuration keys (<c>__</c> becomes <c>:</c> for HyperSweep keys).</summary>
internal static class TelemetryEnvironment
{
    public static IEnumerable<KeyValuePair<string, string?>> Read()
    {
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var key = (string)entry.Key;
            if (key.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                yield return new(key, entry.Value as string);
            }
            else if (key.StartsWith("HyperSweep__Telemetry__", StringComparison.OrdinalIgnoreCase))
            {
                yield return new(key.Replace("__", ":", StringComparison.Ordinal), entry.Value as string);
            }
        }
    }
}
