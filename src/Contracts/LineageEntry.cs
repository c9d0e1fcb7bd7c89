using System.Collections.Immutable;

namespace HyperSweep.Contracts;

/// <summary>
/// One PBT exploitation of a trial: after <paramref name="Epoch"/> it continued from trial <paramref name="Donor"/>'s
/// checkpoint with <paramref name="After"/> instead of <paramref name="Before"/> (searched parameters), why
/// (<paramref name="Explanation"/>), and whether its trial grain has adopted the donor's checkpoint yet.
/// </summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.LineageEntry")]
public sealed record LineageEntry(
    [property: Id(0)] int Epoch,
    [property: Id(1)] int Donor,
    [property: Id(2)] ImmutableSortedDictionary<string, object> Before,
    [property: Id(3)] ImmutableSortedDictionary<string, object> After,
    [property: Id(4)] string Explanation,
    [property: Id(5)] bool Adopted);
