using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace HyperSweep.Search.Spaces;

/// <summary>
/// Real numbers in [min, max]. Unstepped: uniform, or log-uniform when <see cref="Log"/> (min &gt; 0); both
/// are clamped to the bounds so a draw never leaves them, and a log draw of u = 0 is exactly min. Stepped:
/// the values min + k·step ≤ max (computed in decimal so 0.1 steps stay 0.1, 0.2, 0.3), drawn uniformly;
/// only stepped floats can be enumerated by a grid.
/// </summary>
public sealed record FloatDomain : ParameterDomain
{
    public FloatDomain(double min, double max, double? step = null, bool log = false)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            throw new ArgumentException("min and max must be finite numbers", nameof(min));
        }
        if (min > max)
        {
            throw new ArgumentException($"min {min} is greater than max {max}", nameof(min));
        }
        if (step is { } s && !(s > 0 && double.IsFinite(s)))
        {
            throw new ArgumentException($"step {s} must be a positive number", nameof(step));
        }
        if (step is { } st && (max - min) / st >= IntDomain.MaxValues)
        {
            throw new ArgumentException($"step {st} is too small: [{min}, {max}] would hold more than {IntDomain.MaxValues} values", nameof(step));
        }
        if (log && !(min > 0))
        {
            throw new ArgumentException($"a log-scale float needs min > 0, not {min}", nameof(min));
        }
        if (log && step is not null)
        {
            throw new ArgumentException("a log-scale float cannot have a step", nameof(step));
        }
        Min = min;
        Max = max;
        Step = step;
        Log = log;
    }

    public double Min { get; }

    public double Max { get; }

    public double? Step { get; }

    public bool Log { get; }

    public override long? GridCount => Count;

    /// <summary>Number of stepped values, or null when unstepped.</summary>
    public long? Count => Step is { } s ? (long)Math.Floor((Max - Min) / s + 1e-9) + 1 : null;

    public override IReadOnlyList<object>? GridValues()
    {
        if (Count is not { } count)
        {
            return null;
        }
        var values = new List<object>();
        for (var k = 0L; k < count; k++)
        {
            values.Add(SteppedValue(k));
        }
        return values;
    }

    public override object Sample(RandomSource random)
    {
        if (Count is { } count)
        {
            var k = DiscreteUniform.Sample(random, 0, (int)Math.Min(count - 1, int.MaxValue));
            return SteppedValue(k);
        }
        if (Min == Max)
        {
            return Min;
        }
        if (!Log)
        {
            return Math.Clamp(ContinuousUniform.Sample(random, Min, Max), Min, Max);
        }
        var u = random.NextDouble();
        if (u == 0.0)
        {
            return Min;
        }
        var logMin = Math.Log(Min);
        var value = Math.Exp(logMin + u * (Math.Log(Max) - logMin));
        return Math.Clamp(value, Min, Max);
    }

    public override bool Contains(object value) =>
        value is double d && d >= Min && d <= Max || value is long l && l >= Min && l <= Max;

    /// <summary>The k-th stepped value (min + k·step computed in decimal, capped at max).</summary>
    public double SteppedValue(long k)
    {
        var step = Step!.Value;
        try
        {
            // Decimal keeps 0.1 + 2·0.1 at 0.3 instead of 0.30000000000000004.
            return Math.Min((double)((decimal)Min + k * (decimal)step), Max);
        }
        catch (OverflowException)
        {
            return Math.Min(Min + k * step, Max);
        }
    }
}
