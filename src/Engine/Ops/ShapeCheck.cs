namespace HyperSweep.Engine.Ops;

/// <summary>Shape validation shared by the ops: every message names the op and the shapes involved.</summary>
internal static class ShapeCheck
{
    public static EngineException Mismatch(string op, Tensor a, Tensor b, string expectation)
    {
        return new EngineException(
            $"{op}: shapes {Tensor.Describe(a.Shape)} and {Tensor.Describe(b.Shape)} do not match ({expectation}).");
    }

    public static void Rank(string op, Tensor t, int rank)
    {
        if (t.Rank != rank)
        {
            throw new EngineException($"{op}: expects a rank-{rank} tensor, got shape {Tensor.Describe(t.Shape)}.");
        }
    }

    public static void Length(string op, string what, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new EngineException($"{op}: {what} has {actual} entries, expected {expected}.");
        }
    }

    /// <summary>True when <paramref name="small"/> is a trailing part of <paramref name="big"/> (row broadcasting).</summary>
    public static bool IsSuffix(ReadOnlySpan<int> small, ReadOnlySpan<int> big)
    {
        if (small.Length > big.Length)
        {
            return false;
        }

        return small.SequenceEqual(big[(big.Length - small.Length)..]);
    }
}
