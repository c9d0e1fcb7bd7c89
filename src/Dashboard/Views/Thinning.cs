namespace HyperSweep.Dashboard.Views;

/// <summary>
/// How charts stay readable (and cheap to send) for big sweeps: of <c>count</c> ranked items at most <c>max</c> are
/// drawn, the first <c>keepBest</c> (the best) always, the rest an even stride over the others, so the spread of the
/// whole sweep stays visible. A screen is ~1,000-2,000 pixels wide: more lines or points than that only overdraw.
/// </summary>
public static class Thinning
{
    /// <summary>Indices (ascending) into a ranked list of <paramref name="count"/> items.</summary>
    public static IReadOnlyList<int> Pick(int count, int max, int keepBest)
    {
        if (count <= max)
        {
            return Enumerable.Range(0, count).ToList();
        }

        var best = Math.Min(keepBest, max);
        var picked = Enumerable.Range(0, best).ToList();
        var room = max - best;
        var rest = count - best;
        for (var i = 0; i < room; i++)
        {
            // Even positions over the rest, last one included.
            picked.Add(best + (int)((long)i * (rest - 1) / Math.Max(1, room - 1)));
        }

        return picked.Distinct().Order().ToList();
    }

    /// <summary>The points where a best-so-far step line changes, plus the last point: the line drawn from them is exact.</summary>
    public static IReadOnlyList<int> StepChanges(IReadOnlyList<double> bestSoFar)
    {
        ArgumentNullException.ThrowIfNull(bestSoFar);
        var kept = new List<int>();
        for (var i = 0; i < bestSoFar.Count; i++)
        {
            if (i == 0 || i == bestSoFar.Count - 1 || bestSoFar[i] != bestSoFar[i - 1])
            {
                kept.Add(i);
            }
        }

        return kept;
    }
}
