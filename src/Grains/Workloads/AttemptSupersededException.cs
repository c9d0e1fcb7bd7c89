namespace HyperSweep.Grains.Workloads;

/// <summary>A mid-epoch checkpoint was refused because the attempt was superseded: the adapter stops the trainer with it.</summary>
internal sealed class AttemptSupersededException() : Exception("the attempt was superseded");
