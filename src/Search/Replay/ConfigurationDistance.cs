using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Replay;

/// <summary>
/// How far a proposal is from a recorded configuration: the sum over the space's parameters of
/// <list type="bullet">
/// <item>categorical: 0 when equal, 1 otherwise (a mismatch count);</item>
/// <item>int and float: |a − b| divided by the domain's range (max − min), so every parameter spans [0, 1];</item>
/// <item>log-scale int and float: the same in log space, |ln a − ln b| / (ln max − ln min);</item>
/// <item>a parameter active in one and inactive in the other (a <c>when:</c> condition): 1; inactive in both: 0.</item>
/// </list>
/// </summary>
public static class ConfigurationDistance
{
    public static double Between(SearchSpace space, TrialParameters a, TrialParameters b)
    {
        ArgumentNullException.ThrowIfNull(space);
        var total = 0.0;
        foreach (var parameter in space.Parameters)
        {
            var hasA = a.TryGetValue(parameter.Name, out var x);
            var hasB = b.TryGetValue(parameter.Name, out var y);
            total += (hasA, hasB) switch
            {
                (false, false) => 0,
                (true, true) => Of(parameter.Domain, x!, y!),
                _ => 1,
            };
        }
        return total;
    }

    /// <summary>The distance of two values of one domain, in [0, 1].</summary>
    public static double Of(ParameterDomain domain, object x, object y) => domain switch
    {
        CategoricalDomain => ParameterValues.AreEqual(x, y) ? 0 : 1,
        FloatDomain { Log: true } f => Scaled(Math.Log(Number(x)), Math.Log(Number(y)), Math.Log(f.Min), Math.Log(f.Max)),
        FloatDomain f => Scaled(Number(x), Number(y), f.Min, f.Max),
        IntDomain { Log: true } i => Scaled(Math.Log(Number(x)), Math.Log(Number(y)), Math.Log(i.Min), Math.Log(i.Max)),
        IntDomain i => Scaled(Number(x), Number(y), i.Min, i.Max),
        _ => ParameterValues.AreEqual(x, y) ? 0 : 1,
    };

    private static double Scaled(double a, double b, double min, double max) => max > min ? Math.Min(1, Math.Abs(a - b) / (max - min)) : a == b ? 0 : 1;

    private static double Number(object value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => double.NaN,
    };
}
