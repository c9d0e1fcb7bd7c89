using System.Globalization;
using HyperSweep.Search.Spec;
using HyperSweep.Silo.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace HyperSweep.Silo.Settings;

/// <summary>
/// Every setting of hypersweep-silo, generated from its options classes (<see cref="HyperSweepSiloOptions"/>, section
/// <c>HyperSweep</c>; <see cref="TelemetryOptions"/>, section <c>HyperSweep:Telemetry</c>): a new setting is one property
/// with a <see cref="System.ComponentModel.DescriptionAttribute"/>, and it gets its switch, its line in <c>--help</c> and
/// its place among the known keys with nothing else to write. A key under <c>HyperSweep</c> that no property has, or a
/// switch no setting has, is an error naming it, where it came from, and the closest known names.
/// </summary>
public static class SiloSettings
{
    /// <summary>Switches kept from before the names were generated (docs and scripts use them).</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["--dashboard-cert"] = "HyperSweep:DashboardCertificate",
        ["--dashboard-cert-key"] = "HyperSweep:DashboardCertificateKey",
    };

    public static IReadOnlyList<SiloSetting> All { get; } =
    [
        .. SiloSetting.Of(typeof(HyperSweepSiloOptions), HyperSweepSiloOptions.Section, "--"),
        .. SiloSetting.Of(typeof(TelemetryOptions), TelemetryOptions.Section, "--telemetry-"),
    ];

    /// <summary>The command-line switches (<c>--slots</c> → <c>HyperSweep:Slots</c>) for <c>AddCommandLine</c>.</summary>
    public static IDictionary<string, string> Switches()
    {
        var switches = All.ToDictionary(s => s.Switch, s => s.Key, StringComparer.Ordinal);
        foreach (var (alias, key) in Aliases)
        {
            switches[alias] = key;
        }

        return switches;
    }

    /// <summary>
    /// The command line with every bare true|false switch (<c>--insecure</c> followed by another switch, or last) given
    /// its value (<c>--insecure=true</c>): the configuration's command-line source only reads <c>--switch value</c>.
    /// </summary>
    public static string[] ExpandFlags(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var flags = All.Where(s => s.Property.PropertyType == typeof(bool)).Select(s => s.Switch).ToHashSet(StringComparer.Ordinal);
        return [.. args.Select((arg, i) => flags.Contains(arg) && (i + 1 == args.Length || args[i + 1].StartsWith('-')) ? arg + "=true" : arg)];
    }

    /// <summary>
    /// Throws <see cref="SiloSettingsException"/> for the first unknown key under <c>HyperSweep</c> (from any source) and
    /// for a command-line switch that is no setting (it lands outside the section).
    /// </summary>
    public static void RejectUnknown(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var known = All.Select(s => s.Key).Append(TelemetryOptions.Section).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var key in Keys(configuration.GetSection(HyperSweepSiloOptions.Section)))
        {
            if (!known.Contains(key))
            {
                // Suggested among the keys of the same section, by their last name (Slot → Slots).
                var section = key[..key.LastIndexOf(':')];
                var siblings = known.Where(k => k.LastIndexOf(':') == section.Length && k.StartsWith(section, StringComparison.OrdinalIgnoreCase)).ToList();
                var closest = Suggestions.Closest(key[(section.Length + 1)..], siblings.Select(k => k[(section.Length + 1)..]), 2);
                var hint = closest.Count == 0 ? "" : $"; did you mean {string.Join(" or ", closest.Select(c => $"'{section}:{c}'"))}?";
                throw new SiloSettingsException($"unknown setting '{key}' (from {Source(configuration, key)}){hint} (hypersweep-silo --help lists every setting)");
            }
        }

        if (configuration is IConfigurationRoot root)
        {
            foreach (var provider in root.Providers.OfType<CommandLineConfigurationProvider>())
            {
                foreach (var key in provider.GetChildKeys([], null).Distinct(StringComparer.OrdinalIgnoreCase))
                {
                    if (!key.Equals(HyperSweepSiloOptions.Section, StringComparison.OrdinalIgnoreCase) && !key.Equals("Logging", StringComparison.OrdinalIgnoreCase))
                    {
                        var typed = "--" + key;
                        var closest = Suggestions.Closest(typed, Switches().Keys, 2);
                        var hint = closest.Count == 0 ? "" : $"; did you mean {string.Join(" or ", closest.Select(c => $"'{c}'"))}?";
                        throw new SiloSettingsException($"unknown option '{typed}'{hint} (hypersweep-silo --help lists every setting)");
                    }
                }
            }
        }
    }

    /// <summary>The settings with their switch, key, environment variable, default and meaning, for <c>--help</c>.</summary>
    public static void WriteHelp(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("hypersweep-silo: a long-lived HyperSweep silo (dev mode by default; docs/CLUSTER.md for cluster mode).");
        output.WriteLine();
        output.WriteLine("Usage: hypersweep-silo [--setting value]...    (also --HyperSweep:Setting=value)");
        output.WriteLine();
        output.WriteLine("Every setting comes from appsettings.json (section HyperSweep), then the environment (HyperSweep__Setting),");
        output.WriteLine("then the command line; later sources win. An unknown setting is an error. A true|false switch alone means true.");
        output.WriteLine("Settings:");
        foreach (var setting in All)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {setting.Switch} <{setting.ValueForm}>    default: {setting.Default ?? "none"}"));
            output.WriteLine($"      {setting.Key} (appsettings.json), {setting.EnvironmentVariable} (environment)");
            foreach (var line in Wrap(setting.Description, 110))
            {
                output.WriteLine("      " + line);
            }
        }

        output.WriteLine();
        output.WriteLine("Examples:");
        output.WriteLine("  hypersweep-silo --state-dir ~/.hypersweep --slots 4                 # dev mode on this machine");
        output.WriteLine("  hypersweep-silo --mode cluster --redis head:6379 --advertised-address 10.0.0.5 --cluster-id lab");
        output.WriteLine("  HyperSweep__RedisPassword=... hypersweep-silo --mode cluster ...     # secrets from the environment");
    }

    /// <summary>The binder's message for a value of the wrong type, in words ("expected a whole number", not System.Int32).</summary>
    public static string Reword(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var (type, words) in new[] { ("System.Int32", "a whole number"), ("System.Int64", "a whole number"), ("System.Boolean", "true or false"), ("System.TimeSpan", "a duration (hh:mm:ss)"), ("System.Double", "a number") })
        {
            message = message.Replace($"to type '{type}'", $"(expected {words})", StringComparison.Ordinal);
        }

        return message.Replace("to type 'HyperSweep.Silo.SiloMode'", "(expected dev or cluster)", StringComparison.Ordinal)
            .Replace("to type 'HyperSweep.Silo.WorkloadKind'", "(expected engine or synthetic)", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Keys(IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.Value is null && child.GetChildren().Any() && child.Key.Equals("Telemetry", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var below in Keys(child))
                {
                    yield return below;
                }
            }
            else
            {
                yield return child.Path;
            }
        }
    }

    private static string Source(IConfiguration configuration, string key)
    {
        var provider = (configuration as IConfigurationRoot)?.Providers.LastOrDefault(p => p.TryGet(key, out _));
        return provider switch
        {
            CommandLineConfigurationProvider => "the command line",
            EnvironmentVariablesConfigurationProvider => $"the environment variable {key.Replace(":", "__", StringComparison.Ordinal)}",
            JsonConfigurationProvider json => json.Source.Path ?? "a JSON settings file",
            null => "the configuration",
            _ => provider.GetType().Name,
        };
    }

    private static IEnumerable<string> Wrap(string text, int width)
    {
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line;
                line = "";
            }

            line = line.Length == 0 ? word : $"{line} {word}";
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
