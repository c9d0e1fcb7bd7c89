namespace HyperSweep.Search.Sampling.Tpe;

/// <summary>
/// numpy 1.24's default <c>argsort</c> for float64 (introsort: median-of-three quicksort, insertion sort below 17
/// elements, heapsort past the depth limit), as TPE-TRACES.md 5.6 specifies it. It is NOT stable: equal values
/// can come out in any order, and TPE's bandwidth rule gives the neighbour gaps to whichever equal component sits
/// at the end of a run, so a stable sort changes Optuna's mixture (pitfall 2). Inputs must not hold NaN.
/// </summary>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 16;

    /// <summary>The permutation that sorts <paramref name="values"/> ascending, exactly as numpy returns it.</summary>
    /// <remarks>
    /// numpy sorts an index array comparing v[index]; here each index travels with its value (the same comparisons and
    /// the same swaps, so the same permutation), which spares an indirect load per comparison.
    /// </remarks>
    public static int[] Argsort(ReadOnlySpan<double> values)
    {
        var t = new Item[values.Length];
        for (var i = 0; i < t.Length; i++)
        {
            t[i] = new Item(values[i], i);
        }
        Sort(t);
        var order = new int[t.Length];
        for (var i = 0; i < t.Length; i++)
        {
            order[i] = t[i].Index;
        }
        return order;
    }

    private readonly record struct Item(double Value, int Index);

    private static void Sort(Item[] t)
    {
        var n = t.Length;
        if (n < 2)
        {
            return;
        }
        var stack = new Stack<(int Left, int Right, int Depth)>();
        int pl = 0, pr = n - 1;
        var depth = 2 * MostSignificantBit(n);
        while (true)
        {
            if (depth < 0)
            {
                HeapSort(t, pl, pr - pl + 1);
            }
            else
            {
                while (pr - pl > SmallQuicksort - 1)
                {
                    var pm = pl + ((pr - pl) >> 1);
                    if (t[pm].Value < t[pl].Value)
                    {
                        Swap(t, pm, pl);
                    }
                    if (t[pr].Value < t[pm].Value)
                    {
                        Swap(t, pr, pm);
                    }
                    if (t[pm].Value < t[pl].Value)
                    {
                        Swap(t, pm, pl);
                    }
                    var pivot = t[pm].Value;
                    var pi = pl;
                    var pj = pr - 1;
                    Swap(t, pm, pj);
                    while (true)
                    {
                        do
                        {
                            pi++;
                        }
                        while (t[pi].Value < pivot);
                        do
                        {
                            pj--;
                        }
                        while (pivot < t[pj].Value);
                        if (pi >= pj)
                        {
                            break;
                        }
                        Swap(t, pi, pj);
                    }
                    Swap(t, pi, pr - 1);
                    if (pi - pl < pr - pi)
                    {
                        stack.Push((pi + 1, pr, depth - 1));
                        pr = pi - 1;
                    }
                    else
                    {
                        stack.Push((pl, pi - 1, depth - 1));
                        pl = pi + 1;
                    }
                    depth--;
                }
                InsertionSort(t, pl, pr);
            }
            if (!stack.TryPop(out var next))
            {
                return;
            }
            (pl, pr, depth) = next;
        }
    }

    private static void InsertionSort(Item[] t, int pl, int pr)
    {
        for (var pi = pl + 1; pi <= pr; pi++)
        {
            var key = t[pi];
            var value = key.Value;
            var pj = pi;
            while (pj > pl && value < t[pj - 1].Value)
            {
                t[pj] = t[pj - 1];
                pj--;
            }
            t[pj] = key;
        }
    }

    /// <summary>numpy's <c>aheapsort</c> on t[start .. start+n-1] (1-based heap arithmetic).</summary>
    private static void HeapSort(Item[] t, int start, int n)
    {
        // a[k] in numpy's 1-based notation is t[start + k - 1].
        int A(int k) => start + k - 1;
        for (var l = n >> 1; l > 0; l--)
        {
            SiftValue(t, A, t[A(l)], l, n);
        }
        for (; n > 1;)
        {
            var top = t[A(n)];
            t[A(n)] = t[A(1)];
            n--;
            SiftValue(t, A, top, 1, n);
        }
    }

    private static void SiftValue(Item[] t, Func<int, int> a, Item tmp, int i, int n)
    {
        var j = i << 1;
        while (j <= n)
        {
            if (j < n && t[a(j)].Value < t[a(j + 1)].Value)
            {
                j++;
            }
            if (tmp.Value < t[a(j)].Value)
            {
                t[a(i)] = t[a(j)];
                i = j;
                j += j;
            }
            else
            {
                break;
            }
        }
        t[a(i)] = tmp;
    }

    private static int MostSignificantBit(int n)
    {
        var depth = 0;
        while ((n >>= 1) != 0)
        {
            depth++;
        }
        return depth;
    }

    private static void Swap(Item[] t, int i, int j) => (t[i], t[j]) = (t[j], t[i]);
}
