namespace HyperSweep.Contracts;

/// <summary>The coordinator's answer to an epoch report, with the scheduler's explanation when it prunes or pauses.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.EpochVerdict")]
public sealed record EpochVerdict([property: Id(0)] VerdictKind Kind, [property: Id(1)] string? Reason)
{
    public static EpochVerdict Continue { get; } = new(VerdictKind.Continue, null);

    public bool ShouldStop => Kind != VerdictKind.Continue;
}
