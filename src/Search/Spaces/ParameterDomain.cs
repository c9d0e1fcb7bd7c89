using MathNet.Numerics.Random;

namespace HyperSweep.Search.Spaces;

/// <summary>The set of values one parameter may take; sealed subclasses are the kinds a spec can write.</summary>
public abstract record ParameterDomain
{
    /// <summary>Every value in grid order, or null when the domain is continuous (an unstepped float).</summary>
    public abstract IReadOnlyList<object>? GridValues();

    /// <summary>How many values <see cref="GridValues"/> would list (without listing them), or null when continuous.</summary>
    public abstract long? GridCount { get; }

    /// <summary>One value drawn from <paramref name="random"/> (a generator private to this trial and parameter).</summary>
    public abstract object Sample(RandomSource random);

    /// <summary>Whether <paramref name="value"/> belongs to the domain (used to validate conditions).</summary>
    public abstract bool Contains(object value);
}
