namespace HyperSweep.Engine.Analysis;

/// <summary>
/// One step of agglomerative clustering: clusters <see cref="Left"/> and <see cref="Right"/> joined at distance
/// <see cref="Height"/> into a cluster of <see cref="Size"/> points. Ids 0..n-1 are the points; merge i creates id n+i.
/// </summary>
public sealed record Merge(int Left, int Right, double Height, int Size);
