namespace HyperSweep.Search.Spec;

/// <summary>Per-trial budget: the epoch limit and optional early stopping (null = off).</summary>
public sealed record BudgetSpec(int MaxEpochs, EarlyStoppingSpec? EarlyStopping);
