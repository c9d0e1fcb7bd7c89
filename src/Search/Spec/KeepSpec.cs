namespace HyperSweep.Search.Spec;

/// <summary>
/// <c>keep: {best: N}</c>: the sweep keeps the model (the weights of its best epoch, and everything needed to use them)
/// of its N best trials by the leaderboard's ranking; every other trial's weights are deleted once it ends. 0 keeps none.
/// </summary>
public sealed record KeepSpec(int Best)
{
    public const int DefaultBest = 1;
    public const int MaxBest = 1000;

    public static KeepSpec Default { get; } = new(DefaultBest);
}
