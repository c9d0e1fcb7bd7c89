namespace HyperSweep.Grains.Workloads;

/// <summary>How an attempt ended: it trained every epoch, or the epoch callback stopped it; and the last epoch reached.</summary>
public sealed record TrialWorkloadResult(bool StoppedByCallback, int LastEpoch);
