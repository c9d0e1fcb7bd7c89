using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace HyperSweep.Search.Spaces;

/// <summary>An explicit list of scalar choices, drawn uniformly; the grid walks them in the listed order.</summary>
public sealed record CategoricalDomain : ParameterDomain
{
    public CategoricalDomain(IReadOnlyList<object> choices)
    {
        if (choices.Count == 0)
        {
            throw new ArgumentException("a categorical parameter needs at least one value", nameof(choices));
        }
        for (var i = 0; i < choices.Count; i++)
        {
            if (!ParameterValues.IsScalar(choices[i]))
            {
                throw new ArgumentException($"value #{i + 1} '{choices[i]}' is not a scalar", nameof(choices));
            }
            for (var j = 0; j < i; j++)
            {
                if (ParameterValues.AreEqual(choices[i], choices[j]))
                {
                    throw new ArgumentException($"value '{ParameterValues.Format(choices[i])}' is listed twice", nameof(choices));
                }
            }
        }
        Choices = choices.ToArray();
    }

    public IReadOnlyList<object> Choices { get; }

    public override IReadOnlyList<object> GridValues() => Choices;

    public override long? GridCount => Choices.Count;

    public override object Sample(RandomSource random) => Choices[DiscreteUniform.Sample(random, 0, Choices.Count - 1)];

    public override bool Contains(object value) => Choices.Any(c => ParameterValues.AreEqual(c, value));
}
