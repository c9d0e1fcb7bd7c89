namespace HyperSweep.Search.Spec;

/// <summary>The trainer's own early stopping: stop after <see cref="Patience"/> epochs without an improvement larger than <see cref="MinDelta"/>.</summary>
public sealed record EarlyStoppingSpec(int Patience, double MinDelta);
