using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>One parameter of the space as TPE sees it: our declaration plus Optuna's view of its domain.</summary>
public sealed record TpeParameter(SearchParameter Parameter, TpeDistribution Distribution)
{
    public string Name => Parameter.Name;

    public static TpeParameter Of(SearchParameter parameter) => new(parameter, TpeDistribution.Of(parameter.Domain));

    /// <summary>A trial's value in Optuna's internal representation (the number, or the categorical index).</summary>
    public double ToInternal(object value)
    {
        if (Parameter.Domain is CategoricalDomain categorical)
        {
            for (var i = 0; i < categorical.Choices.Count; i++)
            {
                if (ParameterValues.AreEqual(categorical.Choices[i], value))
                {
                    return i;
                }
            }
            throw new ArgumentException($"'{ParameterValues.Format(value)}' is not a choice of '{Name}'", nameof(value));
        }
        return value switch
        {
            double d => d,
            long l => l,
            int i => i,
            _ => throw new ArgumentException($"'{ParameterValues.Format(value)}' is not a number ('{Name}')", nameof(value)),
        };
    }

    /// <summary>
    /// An internal value as the trial's parameter: a choice, a long, or a double. A stepped float snaps to our grid
    /// value (0.3 rather than 0.30000000000000004; the two differ by at most an ulp).
    /// </summary>
    public object ToExternal(double value) => Parameter.Domain switch
    {
        CategoricalDomain categorical => categorical.Choices[(int)value],
        IntDomain => (long)value,
        FloatDomain { Step: { } step } f => f.SteppedValue((long)Math.Round((value - f.Min) / step)),
        _ => value,
    };
}
