namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// The mixture weights of an estimator's m observations (in trial-number order, before the prior is appended and
/// before normalising): Optuna's <c>weights</c>, chosen by name.
/// </summary>
public sealed class TpeWeights
{
    private readonly Func<int, double[]> _rule;

    private TpeWeights(string name, string formula, Func<int, double[]> rule)
    {
        Name = name;
        Formula = formula;
        _rule = rule;
    }

    /// <summary>
    /// Optuna's <c>default_weights</c>: m ones below 25 observations; beyond, numpy's linspace(1/m, 1, m−25) then
    /// 25 ones, so OLDER observations weigh less.
    /// </summary>
    public static TpeWeights Default { get; } = new("default", "m<25: ones(m); else concat(linspace(1/m, 1, m-25), ones(25))", DefaultWeights);

    /// <summary>m ones.</summary>
    public static TpeWeights Uniform { get; } = new("uniform", "ones(m)", Ones);

    public static IReadOnlyList<TpeWeights> All { get; } = [Default, Uniform];

    public string Name { get; }

    public string Formula { get; }

    public double[] Of(int m) => _rule(m);

    public static TpeWeights Named(string name) =>
        All.FirstOrDefault(w => w.Name == name)
        ?? throw new ArgumentException($"unknown weights '{name}'; expected one of: {string.Join(", ", All.Select(w => w.Name))}", "weights");

    public override string ToString() => Name;

    private static double[] Ones(int m)
    {
        var ones = new double[m];
        Array.Fill(ones, 1.0);
        return ones;
    }

    private static double[] DefaultWeights(int m)
    {
        var weights = Ones(m);
        if (m < 25)
        {
            return weights;
        }
        // numpy.linspace(start, stop, k): start + i·((stop − start)/(k − 1)), the last element exactly stop; [start] for k = 1.
        var k = m - 25;
        var start = 1.0 / m;
        if (k == 1)
        {
            weights[0] = start;
        }
        else if (k > 1)
        {
            var step = (1.0 - start) / (k - 1);
            for (var i = 0; i < k - 1; i++)
            {
                weights[i] = i * step + start;
            }
            weights[k - 1] = 1.0;
        }
        return weights;
    }
}
