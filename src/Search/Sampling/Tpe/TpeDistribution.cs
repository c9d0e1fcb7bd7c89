using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// A parameter's domain as Optuna holds it (TPE-TRACES.md 1 and 4.4): Float(low, high, step?, log),
/// Int(low, high, step, log) or Categorical(k choices), with values in Optuna's internal representation (a double:
/// the number itself, or the categorical index), and the Parzen estimator's space (bounds widened by half a step
/// for discrete parameters, logs for log parameters).
/// </summary>
public sealed record TpeDistribution
{
    private TpeDistribution(TpeDistributionKind kind, double low, double high, double? step, bool log, int choiceCount)
    {
        Kind = kind;
        Low = low;
        High = high;
        Step = step;
        Log = log;
        ChoiceCount = choiceCount;
        if (kind == TpeDistributionKind.Categorical)
        {
            return;
        }
        (EstimatorLow, EstimatorHigh, Q) = (kind, log, step) switch
        {
            (TpeDistributionKind.Float, true, _) => (Math.Log(low), Math.Log(high), (double?)null),
            (TpeDistributionKind.Float, false, { } q) => (low - 0.5 * q, high + 0.5 * q, q),
            (TpeDistributionKind.Float, false, null) => (low, high, null),
            (TpeDistributionKind.Int, true, _) => (Math.Log(low - 0.5), Math.Log(high + 0.5), null),
            _ => (low - 0.5 * step!.Value, high + 0.5 * step.Value, step),
        };
    }

    public TpeDistributionKind Kind { get; }

    /// <summary>The distribution's own lower bound (internal representation).</summary>
    public double Low { get; }

    /// <summary>The distribution's own upper bound, already on the step grid.</summary>
    public double High { get; }

    /// <summary>The step of a stepped float or of an int (1 for plain ints); null for continuous floats.</summary>
    public double? Step { get; }

    public bool Log { get; }

    public int ChoiceCount { get; }

    /// <summary>The estimator's lower bound: low − step/2 for discrete, ln low (ln(low − 0.5) for int log) for log.</summary>
    public double EstimatorLow { get; }

    public double EstimatorHigh { get; }

    /// <summary>The estimator's discretisation (float step and int without log), or null: int log is continuous in log space.</summary>
    public double? Q { get; }

    public bool IsCategorical => Kind == TpeDistributionKind.Categorical;

    /// <summary>Optuna's <c>single()</c>: only one value possible, so no sampler is asked.</summary>
    public bool IsSingle => IsCategorical ? ChoiceCount == 1 : Low == High;

    public static TpeDistribution Float(double low, double high, double? step = null, bool log = false) =>
        new(TpeDistributionKind.Float, low, high, step, log, 0);

    public static TpeDistribution Int(long low, long high, long step = 1, bool log = false) =>
        new(TpeDistributionKind.Int, low, high, step, log, 0);

    public static TpeDistribution Categorical(int choiceCount) =>
        new(TpeDistributionKind.Categorical, 0, choiceCount - 1, null, false, choiceCount);

    /// <summary>Our domain as Optuna would declare it: a stepped range's high is its last grid value.</summary>
    public static TpeDistribution Of(ParameterDomain domain) => domain switch
    {
        FloatDomain { Step: { } step } f => Float(f.Min, f.SteppedValue(f.Count!.Value - 1), step),
        FloatDomain f => Float(f.Min, f.Max, null, f.Log),
        IntDomain i => Int(i.Min, i.Min + (i.Count - 1) * i.Step, i.Step, i.Log),
        CategoricalDomain c => Categorical(c.Choices.Count),
        _ => throw new ArgumentException($"TPE cannot model a {domain.GetType().Name}", nameof(domain)),
    };

    /// <summary>An internal value in the estimator's space (ln for log parameters).</summary>
    public double ToEstimatorSpace(double value) => Log ? Math.Log(value) : value;

    /// <summary>A draw in the estimator's space back to an internal value on the distribution (4.6).</summary>
    public double FromEstimatorSpace(double draw)
    {
        if (Kind == TpeDistributionKind.Float && Log)
        {
            return Math.Exp(draw);
        }
        if (Kind == TpeDistributionKind.Int && Log)
        {
            return Math.Clamp(Math.Round(Math.Exp(draw)), Low, High);
        }
        if (Q is { } q)
        {
            return Math.Clamp(Math.Round((draw - Low) / q) * q + Low, Low, High);
        }
        return draw;
    }
}
