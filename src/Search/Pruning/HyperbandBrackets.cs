using System.IO.Hashing;
using System.Text;

namespace HyperSweep.Search.Pruning;

/// <summary>
/// Optuna 3.1's Hyperband arithmetic (TRACES.md §7), shared by <see cref="HyperbandPruner"/> and the Hyperband
/// scheduler with promotions: how many brackets, each bracket's trial allocation budget, and the bracket of a trial —
/// CRC-32("&lt;study name&gt;_&lt;trial number&gt;") mod the total budget, walked through the budgets in order.
/// </summary>
public static class HyperbandBrackets
{
    /// <summary>The trial allocation budget of each bracket, bracket 0 (the most aggressive) first.</summary>
    public static IReadOnlyList<long> Budgets(int minResource, int maxResource, int reductionFactor)
    {
        // Floating point on purpose, as Optuna: ln(243)/ln(3) = 4.999999999999999 gives 5 brackets, not 6.
        var bracketCount = (int)Math.Floor(Math.Log((double)maxResource / minResource) / Math.Log(reductionFactor)) + 1;
        var budgets = new long[bracketCount];
        for (var b = 0; b < bracketCount; b++)
        {
            var s = bracketCount - 1 - b;
            long power = 1;
            for (var i = 0; i < s; i++)
            {
                power *= reductionFactor;
            }

            budgets[b] = (bracketCount * power + s) / (s + 1);
        }

        return budgets;
    }

    /// <summary>The bracket of a trial; depends only on the study name, the trial number and the budgets.</summary>
    public static int BracketOf(string studyName, int trialNumber, IReadOnlyList<long> budgets)
    {
        var total = budgets.Sum();
        var n = (long)(Crc32.HashToUInt32(Encoding.UTF8.GetBytes($"{studyName}_{trialNumber}")) % (ulong)total);
        for (var b = 0; b < budgets.Count; b++)
        {
            n -= budgets[b];
            if (n < 0)
            {
                return b;
            }
        }

        throw new InvalidOperationException("unreachable: the hash is below the total budget");
    }
}
