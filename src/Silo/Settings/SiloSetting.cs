using System.ComponentModel;
using System.Globalization;
using System.Reflection;

namespace HyperSweep.Silo.Settings;

/// <summary>
/// One setting of hypersweep-silo, read off its options class: the configuration key (<c>HyperSweep:Slots</c>), the
/// command-line switch made from the property name (<c>--slots</c>), the environment variable (<c>HyperSweep__Slots</c>),
/// its default (the value of a new options object) and its meaning (the property's <see cref="DescriptionAttribute"/>).
/// </summary>
public sealed record SiloSetting(string Key, string Switch, PropertyInfo Property, string? Default, string Description)
{
    public string EnvironmentVariable => Key.Replace(":", "__", StringComparison.Ordinal);

    /// <summary>The value form for help: engine|synthetic, a number, true|false, a duration, text.</summary>
    public string ValueForm
    {
        get
        {
            var type = Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
            return type.IsEnum ? string.Join('|', Enum.GetNames(type).Select(n => n.ToLowerInvariant()))
                : type == typeof(bool) ? "true|false"
                : type == typeof(int) || type == typeof(long) ? "N"
                : type == typeof(TimeSpan) ? "hh:mm:ss"
                : "text";
        }
    }

    /// <summary>The settings of <paramref name="optionsType"/> under <paramref name="section"/>; <paramref name="switchPrefix"/> starts their switches.</summary>
    public static IEnumerable<SiloSetting> Of(Type optionsType, string section, string switchPrefix)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        var defaults = Activator.CreateInstance(optionsType);
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";
            yield return new SiloSetting($"{section}:{property.Name}", switchPrefix + Kebab(property.Name), property, Show(property.GetValue(defaults)), description);
        }
    }

    private static string? Show(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        Enum e => e.ToString().ToLowerInvariant(),
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>StateDir → state-dir, SyntheticEpochMs → synthetic-epoch-ms.</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
