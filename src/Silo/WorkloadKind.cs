namespace HyperSweep.Silo;

/// <summary>What a trial runs: real training by the engine, or synthetic curves (service benchmarks only).</summary>
public enum WorkloadKind
{
    Engine,
    Synthetic,
}
