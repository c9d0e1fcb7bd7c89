namespace HyperSweep.Contracts;

/// <summary>Life cycle of a trial. Completed, Pruned, Failed and Cancelled are final (CONTRACTS.md names).</summary>
[GenerateSerializer, Alias("HyperSweep.TrialState")]
public enum TrialState
{
    Pending = 0,
    Running = 1,
    Completed = 2,
    Pruned = 3,
    Failed = 4,
    Cancelled = 5,
}
