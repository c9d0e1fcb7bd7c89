using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperSweep.Search.Spec;

/// <summary>
/// A YAML node with its dotted field path and source: typed accessors that throw <see cref="SpecException"/>
/// at the node's own line and column. Plain scalars follow the YAML 1.2 core schema (null, bool, int,
/// float); quoted scalars are always strings.
/// </summary>
internal sealed class SpecNode
{
    public SpecNode(string source, string path, YamlNode node, Mark? keyMark = null)
    {
        Source = source;
        Path = path;
        Node = node;
        KeyMark = keyMark;
    }

    /// <summary>Where the key of this value stands (null for the document root and list items).</summary>
    public Mark? KeyMark { get; }

    public string Source { get; }

    public string Path { get; }

    public YamlNode Node { get; }

    /// <summary>
    /// An error at this node: a scalar is reported where its value stands, a map or list where its key
    /// stands (a block map's own start is the line of its first entry, which would mislead).
    /// </summary>
    public SpecException Error(string problem) =>
        ErrorAt(Node is YamlScalarNode ? Node.Start : KeyMark ?? Node.Start, Path, problem);

    public SpecException ErrorAt(Mark mark, string field, string problem) =>
        new(Source, field, mark.Line, mark.Column, problem);

    /// <summary>An error at this node that names <paramref name="field"/> (a field under it the spec did not write).</summary>
    public SpecException Error(string problem, string field) =>
        ErrorAt(Node is YamlScalarNode ? Node.Start : KeyMark ?? Node.Start, field, problem);

    /// <summary>
    /// The node of a dotted field below this one (<c>task.data.size</c> from the root), or the deepest enclosing node
    /// the spec wrote when the field itself is missing, so an error lands where the user can add or fix it.
    /// </summary>
    public SpecNode Locate(string field)
    {
        var node = this;
        foreach (var key in field.Split('.'))
        {
            if (node.Node is not YamlMappingNode mapping)
            {
                break;
            }

            var entry = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: var k } && k == key);
            if (entry.Key is null)
            {
                break;
            }

            node = new SpecNode(Source, node.Child(key), entry.Value, entry.Key.Start);
        }

        return node;
    }

    /// <summary>The node as plain values: scalars as <see cref="Scalar"/> reads them, maps as dictionaries, lists as lists.</summary>
    public object? ToPlain() => Node switch
    {
        YamlMappingNode => Map().ToDictionary(e => e.Key, e => e.Value.ToPlain(), StringComparer.Ordinal),
        YamlSequenceNode => Sequence().Select(item => item.ToPlain()).ToList(),
        _ => Scalar(),
    };

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>The node as a map; keys in document order. Unknown keys are refused, naming the allowed ones.</summary>
    public IReadOnlyList<(string Key, SpecNode Value, Mark KeyMark)> Map(params string[] allowed)
    {
        if (Node is YamlScalarNode && Scalar() is null)
        {
            return [];    // "model:" with every line commented out is an empty map, not an error
        }
        if (Node is not YamlMappingNode mapping)
        {
            throw Error($"must be a map (key: value lines), not {Describe()}");
        }
        var entries = new List<(string, SpecNode, Mark)>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                throw ErrorAt(keyNode.Start, Path.Length == 0 ? "(document)" : Path, "keys must be plain, non-empty names");
            }
            if (allowed.Length > 0 && !allowed.Contains(key))
            {
                var closest = Suggestions.Closest(key, allowed);
                var hint = closest.Count == 0 ? "" : $"; did you mean '{closest[0]}'?";
                throw ErrorAt(keyNode.Start, Child(key), $"unknown field '{key}'{hint} (expected one of: {string.Join(", ", allowed)})");
            }
            entries.Add((key, new SpecNode(Source, Child(key), valueNode, keyNode.Start), keyNode.Start));
        }
        return entries;
    }

    public IReadOnlyList<SpecNode> Sequence()
    {
        if (Node is not YamlSequenceNode sequence)
        {
            throw Error($"must be a list ([a, b] or '- a' lines), not {Describe()}");
        }
        return sequence.Children.Select((n, i) => new SpecNode(Source, $"{Path}[{i}]", n)).ToList();
    }

    /// <summary>A scalar as null, bool, long, double or string.</summary>
    public object? Scalar()
    {
        if (Node is not YamlScalarNode scalar)
        {
            throw Error($"must be a single value, not {Describe()}");
        }
        var text = scalar.Value ?? "";
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return text;
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            case ".inf" or "+.inf" or ".Inf" or "+.Inf" or ".INF":
                return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF":
                return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN":
                return double.NaN;
        }
        if (IsNumeric(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return integer;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
            {
                return real;
            }
        }
        return text;
    }

    public string String()
    {
        var value = Scalar();
        return value is string text && text.Length > 0 ? text : throw Error($"must be a text value, not {DescribeValue(value)}");
    }

    public string OneOf(IReadOnlyList<string> choices)
    {
        var value = Scalar();
        if (value is string text && choices.Contains(text))
        {
            return text;
        }
        var closest = value is string typed ? Suggestions.Closest(typed, choices) : [];
        var hint = closest.Count == 0 ? "" : $"; did you mean '{closest[0]}'?";
        throw Error($"must be one of {string.Join(", ", choices)}, not {DescribeValue(value)}{hint}");
    }

    public long Long(long min = long.MinValue)
    {
        var value = Scalar();
        var result = value switch
        {
            long l => l,
            double d when double.IsFinite(d) && d == Math.Floor(d) && Math.Abs(d) < 9e15 => (long)d,
            _ => throw Error($"must be an integer, not {DescribeValue(value)}"),
        };
        return result >= min ? result : throw Error($"must be >= {min}, not {result}");
    }

    public int Int(int min = int.MinValue)
    {
        var result = Long(min);
        return result <= int.MaxValue ? (int)result : throw Error($"must be <= {int.MaxValue}, not {result}");
    }

    public double Double()
    {
        var value = Scalar();
        return value switch
        {
            double d when !double.IsNaN(d) => d,
            long l => l,
            _ => throw Error($"must be a number, not {DescribeValue(value)}"),
        };
    }

    public bool Bool()
    {
        var value = Scalar();
        return value is bool b ? b : throw Error($"must be true or false, not {DescribeValue(value)}");
    }

    public string Describe() => Node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        YamlScalarNode => DescribeValue(Scalar()),
        _ => "an alias",
    };

    public static string DescribeValue(object? value) => value switch
    {
        null => "an empty value",
        string s => $"the text '{s}'",
        bool b => $"the boolean {(b ? "true" : "false")}",
        long l => $"the integer {l.ToString(CultureInfo.InvariantCulture)}",
        double d => $"the number {d.ToString("R", CultureInfo.InvariantCulture)}",
        _ => $"'{value}'",
    };

    private static bool IsNumeric(string text)
    {
        // YAML 1.2 core: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
        var i = 0;
        if (i < text.Length && text[i] is '-' or '+')
        {
            i++;
        }
        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '-' or '+')
            {
                i++;
            }
            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0)
            {
                return false;
            }
        }
        return i == text.Length;
    }
}
