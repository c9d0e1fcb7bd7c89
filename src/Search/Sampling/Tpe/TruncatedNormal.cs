namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// The standard-normal numerics of Optuna 3.1's truncated normal, as TPE-TRACES.md section 5 specifies them: the
/// scalar and vectorised Φ, log Φ with its asymptotic series, the log of a truncated mass, the quantile by
/// bisection, and the log-density. Every branch and constant follows the specification, because which formula
/// runs decides the last bits, and the last bits decide ties.
/// </summary>
internal static class TruncatedNormal
{
    /// <summary>ln √(2π), the normal density's log normaliser.</summary>
    public static readonly double LogSqrt2Pi = Math.Log(Math.Sqrt(2 * Math.PI));

    private static readonly double Sqrt2 = Math.Sqrt(2.0);
    private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double Ln2 = Math.Log(2.0);

    /// <summary>Φ(a), scalar form (5.1): erfc in the tails, erf in the middle.</summary>
    public static double Ndtr(double a)
    {
        var x = a / Sqrt2;
        if (x < -1 / Sqrt2)
        {
            return 0.5 * CMath.Erfc(-x);
        }
        return x < 1 / Sqrt2 ? 0.5 + 0.5 * CMath.Erf(x) : 1 - 0.5 * CMath.Erfc(x);
    }

    /// <summary>Φ(a), the vectorised form used by the central case of <see cref="LogGaussMass"/>.</summary>
    public static double NdtrCentral(double a)
    {
        var x = a / Sqrt2;
        // erf is ±1 exactly from |x| = 6 on (erf(6) = 1 − 2e-17 rounds to 1): the result is exactly 0 or 1, without the call.
        return x <= -6 ? 0.0 : x >= 6 ? 1.0 : 0.5 + 0.5 * CMath.Erf(x);
    }

    /// <summary>ln Φ(a) (5.2).</summary>
    public static double LogNdtr(double a)
    {
        if (a > 6)
        {
            return -Ndtr(-a);
        }
        if (a > -20)
        {
            return Math.Log(Ndtr(a));
        }
        var logLhs = -0.5 * a * a - Math.Log(-a) - HalfLog2Pi;
        double total = 0, rhs = 1, numerator = 1, denominator = 1, k = 1 / (a * a), sign = 1;
        var i = 0;
        while (Math.Abs(total - rhs) > 2.220446049250313e-16)
        {
            i++;
            total = rhs;
            sign = -sign;
            denominator *= k;
            numerator *= 2 * i - 1;
            rhs += sign * numerator * denominator;
        }
        return logLhs + Math.Log(rhs);
    }

    /// <summary>ln(Φ(b) − Φ(a)) (5.3).</summary>
    public static double LogGaussMass(double a, double b)
    {
        if (b <= 0)
        {
            return LogDiff(LogNdtr(b), LogNdtr(a));
        }
        if (a > 0)
        {
            return LogDiff(LogNdtr(-a), LogNdtr(-b));
        }
        var tails = -NdtrCentral(a) - NdtrCentral(-b);
        // log1p(±0) = ±0: a component far inside [low, high] has both tails exactly 0.
        return tails == 0 ? tails : CMath.Log1P(tails);
    }

    /// <summary>
    /// The quantile <paramref name="q"/> of the standard normal truncated to [a, b] (5.4), by 100 bisection steps on
    /// ln Φ exactly as Optuna 3.1 computes it.
    /// </summary>
    public static double Ppf(double q, double a, double b)
    {
        if (a == b)
        {
            return double.NaN;
        }
        if (q == 0)
        {
            return a;
        }
        if (q == 1)
        {
            return b;
        }
        var mass = LogGaussMass(a, b);
        return a < 0
            ? InverseLogNdtr(LogAddExp(LogNdtr(a), Math.Log(q) + mass))
            : -InverseLogNdtr(LogAddExp(LogNdtr(-b), CMath.Log1P(-q) + mass));
    }

    /// <summary>
    /// Optuna 3.1's log-density of N(0, 1) truncated to [a, b] at the standardised point z: −z²/2 − ln√(2π) − the
    /// log mass, −∞ outside. The caller decides whether to subtract ln σ (3.1 does not; see TPE-TRACES.md 4.7).
    /// </summary>
    public static double LogPdf(double z, double a, double b, double logMass) =>
        z < a || z > b ? double.NegativeInfinity : -(z * z) / 2.0 - LogSqrt2Pi - logMass;

    /// <summary>numpy's logaddexp.</summary>
    public static double LogAddExp(double x, double y)
    {
        if (x == y)
        {
            return x + Ln2;
        }
        var t = x - y;
        return t > 0 ? x + CMath.Log1P(Math.Exp(-t)) : y + CMath.Log1P(Math.Exp(t));
    }

    private static double LogDiff(double p, double q) => p + CMath.Log1P(-Math.Exp(q - p));

    /// <summary>The m with ln Φ(m) = y, by bisection on [−100, 100] (numpy's ndtri_exp as Optuna 3.1 ports it).</summary>
    private static double InverseLogNdtr(double y)
    {
        double low = -100, high = 100;
        if (LogNdtr(low) > y)
        {
            (low, high) = (high, low);
        }
        var middle = 0.0;
        for (var i = 0; i < 100; i++)
        {
            middle = (low + high) / 2;
            if (middle == low || middle == high)
            {
                // low and high are adjacent doubles: every remaining step computes this same middle (the 100-step result).
                break;
            }
            if (LogNdtr(middle) < y)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return middle;
    }
}
