using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// Φ(−u) for u ≥ 0 without a call to the C library's erf: a table of quintic Hermite pieces on a 1/128 grid of
/// [0, 8.5], built once from the exact <see cref="TruncatedNormal.Ndtr"/> (values) and φ (first and second
/// derivatives). Used for the truncated masses of a joint estimator, where every component needs one (10,000 per
/// continuous parameter at 10,000 trials) and erf's tail branch costs two exponentials each.
/// </summary>
/// <remarks>
/// Accuracy (absolute, what a log mass ln(1 − Φ(a) − Φ(−b)) ≥ ln 0.38 needs): the Hermite remainder is at most
/// max|Φ⁽⁶⁾|·(h/2)⁶/6! = 2.31·(1/256)⁶/720 = 1.2e-17; the nodes carry Ndtr's rounding (≈ 1 ulp of values ≤ 0.5,
/// 5.6e-17); the evaluation in t ∈ [0, 1) adds about one rounding of the result (c₀ dominates: the
/// others together are below a tenth of it). Beyond u = 8.5 the value is taken
/// as 0 (Φ(−8.5) = 9.5e-18; Optuna's vectorised ndtr rounds it to 0 from u = 8.49 on). So |error| &lt; 2e-16, and a
/// log mass moves by less than 6e-16 — seven orders below the parity tolerance (TpeNumericsTests checks 3e-16).
/// </remarks>
internal static class NormalTail
{
    private const int PerUnit = 128;
    private const double Step = 1.0 / PerUnit;
    private const int Pieces = 1088;

    /// <summary>Where the table ends: Φ(−u) is taken as 0 from here on.</summary>
    public const double End = Pieces * Step;

    /// <summary>Six polynomial coefficients per piece: Φ(−(k + t)/128) = Σ c_m t^m for t in [0, 1).</summary>
    private static readonly double[] Coefficients = Build();

    /// <summary>Φ(−u) for u ≥ 0 (NaN gives NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Below(double u)
    {
        var scaled = u * PerUnit;
        if (!(scaled < Pieces))
        {
            return double.IsNaN(u) ? u : 0.0;
        }
        var piece = (int)scaled;
        // u·128 is exact (a power of two) and so is its fractional part: t carries no rounding.
        var t = scaled - piece;
        var t2 = t * t;
        // In range (0 ≤ piece < Pieces), so the reads stay inside the table; Estrin's scheme for a short dependency chain.
        ref var c = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Coefficients), 6 * piece);
        return c + t * Unsafe.Add(ref c, 1) + t2 * (Unsafe.Add(ref c, 2) + t * Unsafe.Add(ref c, 3) + t2 * (Unsafe.Add(ref c, 4) + t * Unsafe.Add(ref c, 5)));
    }

    /// <summary>Φ(b) − Φ(a) for a ≤ 0 &lt; b (a component centred inside its bounds): 1 − Φ(a) − Φ(−b).</summary>
    public static double CentralMass(double a, double b) => 1.0 - Below(-a) - Below(b);

    private static double[] Build()
    {
        var coefficients = new double[6 * Pieces];
        for (var k = 0; k < Pieces; k++)
        {
            // g(u) = Φ(−u), g'(u) = −φ(u), g''(u) = u·φ(u); in t = 128(u − u_k): derivatives times h and h².
            var (g0, d0, s0) = Node(k);
            var (g1, d1, s1) = Node(k + 1);
            var c0 = g0;
            var c1 = Step * d0;
            var c2 = Step * Step * s0 / 2;
            // The Hermite conditions at t = 1; g1 − g0 is exact (adjacent values are within a factor 2).
            var a = g1 - c0 - c1 - c2;
            var b = Step * d1 - c1 - 2 * c2;
            var c = Step * Step * s1 - 2 * c2;
            var span = coefficients.AsSpan(6 * k, 6);
            span[0] = c0;
            span[1] = c1;
            span[2] = c2;
            span[3] = 10 * a - 4 * b + c / 2;
            span[4] = -15 * a + 7 * b - c;
            span[5] = 6 * a - 3 * b + c / 2;
        }
        return coefficients;
    }

    private static (double Value, double First, double Second) Node(int k)
    {
        var u = k * Step;
        var density = Math.Exp(-(u * u) / 2) / Math.Sqrt(2 * Math.PI);
        return (TruncatedNormal.Ndtr(-u), -density, u * density);
    }
}
