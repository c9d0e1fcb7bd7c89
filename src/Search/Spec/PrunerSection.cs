using HyperSweep.Search.Pruning;
using YamlDotNet.RepresentationModel;

namespace HyperSweep.Search.Spec;

/// <summary>
/// The pruner section: a name (<c>pruner: median</c>) or a map with 'name' and Optuna's settings.
/// The settings are checked by actually building the pruner, and a refusal points at the setting's line.
/// </summary>
internal static class PrunerSection
{
    public static PrunerSpec Parse(SpecNode node)
    {
        var spec = Read(node);
        try
        {
            PrunerFactory.Create(spec);
        }
        catch (ArgumentException e)
        {
            throw Locate(node, e.ParamName).Error(Problem(e));
        }
        return spec;
    }

    private static PrunerSpec Read(SpecNode node)
    {
        if (node.Node is YamlScalarNode)
        {
            var name = node.String();
            Canonical(node, name);
            return new PrunerSpec(name, new Dictionary<string, object?>());
        }
        var entries = node.Map();
        var nameEntry = entries.FirstOrDefault(e => e.Key == "name");
        if (nameEntry.Value is null)
        {
            throw node.Error($"a pruner map needs 'name' (one of {string.Join(", ", PrunerFactory.KnownNames.Keys)})");
        }
        var prunerName = nameEntry.Value.String();
        var canonical = Canonical(nameEntry.Value, prunerName);
        var allowed = PrunerFactory.SettingsOf(canonical);
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value, keyMark) in entries)
        {
            if (key == "name")
            {
                continue;
            }
            if (!allowed.Contains(key))
            {
                var expected = allowed.Count == 0 ? $"{canonical} takes no settings" : $"{canonical} takes: {string.Join(", ", allowed)}";
                throw value.ErrorAt(keyMark, value.Path, $"unknown setting '{key}'; {expected}");
            }
            settings[key] = value.Node is YamlMappingNode ? Read(value) : value.Scalar();
        }
        return new PrunerSpec(prunerName, settings);
    }

    private static string Canonical(SpecNode node, string name)
    {
        try
        {
            return PrunerFactory.CanonicalName(name);
        }
        catch (ArgumentException e)
        {
            throw node.Error(Problem(e));
        }
    }

    private static SpecNode Locate(SpecNode node, string? setting)
    {
        if (node.Node is not YamlMappingNode || setting is null)
        {
            return node;
        }
        foreach (var (key, value, _) in node.Map())
        {
            if (key == setting)
            {
                return value;
            }
            if (value.Node is YamlMappingNode && key == "wrapped_pruner")
            {
                var nested = Locate(value, setting);
                if (!ReferenceEquals(nested, value))
                {
                    return nested;
                }
            }
        }
        return node;
    }

    /// <summary>An <see cref="ArgumentException"/>'s message without the parameter suffix .NET appends (the field path names it).</summary>
    public static string Problem(ArgumentException e)
    {
        // ArgumentException appends " (Parameter 'x')" and the actual value; the field path already names it.
        var message = e.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut >= 0 ? message[..cut] : message.Split(Environment.NewLine)[0];
    }
}
