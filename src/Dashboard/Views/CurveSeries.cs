namespace HyperSweep.Dashboard.Views;

/// <summary>One trial's objective per epoch. <see cref="PrunedAt"/> is set for a pruned trial (its curve ends there, drawn dashed).</summary>
public sealed record CurveSeries(int Trial, int? Rank, IReadOnlyList<int> Epochs, IReadOnlyList<double?> Values, double? Best, int? PrunedAt);
