namespace HyperSweep.Contracts;

/// <summary>Life cycle of a sweep. Completed, Cancelled and Failed are final.</summary>
[GenerateSerializer, Alias("HyperSweep.SweepState")]
public enum SweepState
{
    Running = 0,
    Paused = 1,
    Completed = 2,
    Cancelled = 3,
    Failed = 4,
}
