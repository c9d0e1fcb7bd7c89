using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Bench;

/// <summary>
/// The four public functions of tests/Fixtures/tpe/quality/QUALITY.md, with exactly its search spaces (names, bounds,
/// log scales, int vs float, choices in order). All are minimised.
/// </summary>
internal static class BenchmarkFunctions
{
    private static readonly double[] HartmannAlpha = [1.0, 1.2, 3.0, 3.2];

    private static readonly double[,] HartmannA =
    {
        { 10, 3, 17, 3.5, 1.7, 8 }, { 0.05, 10, 17, 0.1, 8, 14 }, { 3, 3.5, 1.7, 10, 17, 8 }, { 17, 8, 0.05, 10, 0.1, 14 },
    };

    private static readonly double[,] HartmannP =
    {
        { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 }, { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
        { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 }, { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
    };

    public static IReadOnlyList<BenchmarkFunction> All { get; } =
    [
        new("branin", 0.39788735772973816, Floats(("x1", -5.0, 10.0), ("x2", 0.0, 15.0)), p => Branin(D(p, "x1"), D(p, "x2"))),
        new("hartmann6", -3.3223680114155147, Floats(Enumerable.Range(0, 6).Select(i => ($"x{i}", 0.0, 1.0)).ToArray()), Hartmann6),
        new("rosenbrock5_log", 0.0,
            new SearchSpace(Enumerable.Range(0, 5).Select(i => new SearchParameter($"x{i}", new FloatDomain(0.001, 1000.0, log: true)))),
            Rosenbrock5Log),
        new("mixed_cat", 0.0, new SearchSpace(
        [
            new SearchParameter("c", new CategoricalDomain(["a", "b", "c", "d"])),
            new SearchParameter("k", new IntDomain(1, 20)),
            new SearchParameter("x", new FloatDomain(-5.0, 5.0)),
            new SearchParameter("y", new FloatDomain(0.001, 1.0, log: true)),
        ]), MixedCat),
    ];

    public static BenchmarkFunction Named(string name) =>
        All.FirstOrDefault(f => f.Name == name)
        ?? throw new ArgumentException($"unknown function '{name}'; expected one of: {string.Join(", ", All.Select(f => f.Name))}");

    private static SearchSpace Floats(params (string Name, double Low, double High)[] parameters) =>
        new(parameters.Select(p => new SearchParameter(p.Name, new FloatDomain(p.Low, p.High))));

    private static double D(TrialParameters p, string name) => Convert.ToDouble(p[name], System.Globalization.CultureInfo.InvariantCulture);

    private static double Branin(double x1, double x2)
    {
        const double a = 1.0, r = 6.0, s = 10.0;
        var b = 5.1 / (4 * Math.PI * Math.PI);
        var c = 5 / Math.PI;
        var t = 1 / (8 * Math.PI);
        var inner = x2 - b * x1 * x1 + c * x1 - r;
        return a * inner * inner + s * (1 - t) * Math.Cos(x1) + s;
    }

    private static double Hartmann6(TrialParameters p)
    {
        var x = Enumerable.Range(0, 6).Select(i => D(p, $"x{i}")).ToArray();
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var exponent = 0.0;
            for (var j = 0; j < 6; j++)
            {
                exponent += HartmannA[i, j] * (x[j] - HartmannP[i, j]) * (x[j] - HartmannP[i, j]);
            }
            sum += HartmannAlpha[i] * Math.Exp(-exponent);
        }
        return -sum;
    }

    private static double Rosenbrock5Log(TrialParameters p)
    {
        var z = Enumerable.Range(0, 5).Select(i => Math.Log10(D(p, $"x{i}"))).ToArray();
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            sum += 100 * (z[i + 1] - z[i] * z[i]) * (z[i + 1] - z[i] * z[i]) + (1 - z[i]) * (1 - z[i]);
        }
        return sum;
    }

    private static double MixedCat(TrialParameters p)
    {
        var (offset, shift) = (string)p["c"] switch
        {
            "a" => (0.0, 2.0),
            "b" => (0.5, -1.0),
            "c" => (1.0, 0.0),
            _ => (2.0, 3.0),
        };
        var x = D(p, "x") - shift;
        var k = ((long)p["k"] - 12) / 4.0;
        var y = Math.Log10(D(p, "y")) + 2;
        return offset + x * x + k * k + y * y;
    }
}
