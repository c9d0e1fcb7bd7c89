using System.Globalization;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Client.Commands;

/// <summary>Short human forms of search-space domains and conditions for <c>validate</c>.</summary>
public static class DomainText
{
    public static string Describe(ParameterDomain domain) => domain switch
    {
        CategoricalDomain c => "choice [" + string.Join(", ", c.Choices.Select(Formatting.Exact)) + "]",
        FloatDomain f => string.Create(CultureInfo.InvariantCulture,
            $"{(f.Log ? "log_uniform" : "uniform")} [{f.Min:R}, {f.Max:R}]{(f.Step is { } s ? $" step {s:R}" : "")}"),
        IntDomain i => string.Create(CultureInfo.InvariantCulture,
            $"{(i.Log ? "int log" : "int")} [{i.Min}, {i.Max}]{(i.Step != 1 ? $" step {i.Step}" : "")}"),
        _ => domain.ToString(),
    };

    public static string Describe(ParameterCondition condition) =>
        string.Join(" and ", condition.Requirements.Select(r => $"{r.Key} in [{string.Join(", ", r.Value.Select(Formatting.Exact))}]"));
}
