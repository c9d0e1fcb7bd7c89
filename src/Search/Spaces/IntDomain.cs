using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace HyperSweep.Search.Spaces;

/// <summary>
/// Integers min, min+step, …, up to max (both bounds inclusive; max is included when max-min is a multiple
/// of step). Uniform draws pick one of those values with equal probability. Log draws (step 1 only, min ≥ 1)
/// are log-uniform over [min-0.5, max+0.5] rounded to the nearest integer, as Optuna does, and clamped.
/// </summary>
public sealed record IntDomain : ParameterDomain
{
    public IntDomain(long min, long max, long step = 1, bool log = false)
    {
        if (min > max)
        {
            throw new ArgumentException($"min {min} is greater than max {max}", nameof(min));
        }
        if (step < 1)
        {
            throw new ArgumentException($"step {step} must be >= 1", nameof(step));
        }
        if (log && min < 1)
        {
            throw new ArgumentException($"a log-scale int needs min >= 1, not {min}", nameof(min));
        }
        if ((ulong)(max - min) / (ulong)step >= MaxValues)
        {
            throw new ArgumentException($"[{min}, {max}] with step {step} has more than {MaxValues} values", nameof(step));
        }
        if (log && step != 1)
        {
            throw new ArgumentException("a log-scale int cannot have a step", nameof(step));
        }
        Min = min;
        Max = max;
        Step = step;
        Log = log;
    }

    /// <summary>More values than this make a range meaningless for sampling indices (and overflow counts).</summary>
    public const long MaxValues = 1L << 53;

    public long Min { get; }

    public long Max { get; }

    public long Step { get; }

    public bool Log { get; }

    /// <summary>Number of distinct values.</summary>
    public long Count => (Max - Min) / Step + 1;

    public override long? GridCount => Count;

    public override IReadOnlyList<object> GridValues()
    {
        var values = new List<object>();
        for (var k = 0L; k < Count; k++)
        {
            values.Add(Min + k * Step);
        }
        return values;
    }

    public override object Sample(RandomSource random)
    {
        if (!Log)
        {
            var k = Count - 1 <= int.MaxValue
                ? DiscreteUniform.Sample(random, 0, (int)(Count - 1))
                : (long)Math.Floor(random.NextDouble() * Count);
            return Min + Math.Min(k, Count - 1) * Step;
        }
        var low = Math.Log(Min - 0.5);
        var high = Math.Log(Max + 0.5);
        var drawn = (long)Math.Round(Math.Exp(ContinuousUniform.Sample(random, low, high)));
        return Math.Clamp(drawn, Min, Max);
    }

    public override bool Contains(object value) =>
        value is long l && l >= Min && l <= Max && (l - Min) % Step == 0;
}
