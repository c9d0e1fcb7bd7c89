namespace HyperSweep.Dashboard.Data;

/// <summary>A value read from the grains and whether it can no longer change (served from the cache until evicted).</summary>
public readonly record struct Fetched<T>(T Value, bool Final);
