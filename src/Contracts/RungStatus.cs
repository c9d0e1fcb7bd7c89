namespace HyperSweep.Contracts;

/// <summary>One rung of a sweep's scheduler: bracket, index, step, trials recorded there, promoted past it, and paused at it.</summary>
[GenerateSerializer, Immutable, Alias("HyperSweep.RungStatus")]
public sealed record RungStatus(
    [property: Id(0)] int Bracket,
    [property: Id(1)] int Rung,
    [property: Id(2)] int Step,
    [property: Id(3)] int Recorded,
    [property: Id(4)] int Promoted,
    [property: Id(5)] int Paused);
