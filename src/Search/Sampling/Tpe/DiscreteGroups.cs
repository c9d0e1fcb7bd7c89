namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// Components with the same (μ, σ), found along an order by value: a discrete parameter's density is computed once
/// per group. Equal pairs that are not adjacent in the order may form separate groups; that only costs time.
/// </summary>
internal sealed class DiscreteGroups
{
    private DiscreteGroups(int[] of, int[] first)
    {
        Of = of;
        First = first;
    }

    /// <summary>The group of each component.</summary>
    public int[] Of { get; }

    /// <summary>One component of each group (its representative).</summary>
    public int[] First { get; }

    public int Count => First.Length;

    /// <param name="order">Components in ascending μ (null: sorted here).</param>
    public static DiscreteGroups Find(double[] mus, double[] sigmas, int[]? order)
    {
        if (order is null)
        {
            order = Enumerable.Range(0, mus.Length).ToArray();
            Array.Sort(mus.ToArray(), order);
        }
        var of = new int[mus.Length];
        var first = new List<int>();
        for (var k = 0; k < order.Length; k++)
        {
            var i = order[k];
            var previous = first.Count == 0 ? -1 : first[^1];
            if (previous < 0 || !mus[i].Equals(mus[previous]) || !sigmas[i].Equals(sigmas[previous]))
            {
                first.Add(i);
            }
            of[i] = first.Count - 1;
        }
        return new DiscreteGroups(of, first.ToArray());
    }
}
