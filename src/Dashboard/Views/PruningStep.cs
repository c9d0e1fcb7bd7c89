namespace HyperSweep.Dashboard.Views;

/// <summary>
/// The pruner's decisions at one epoch (a rung for successive halving): how many trials reached it, how many it pruned
/// there, how many ended there otherwise (completed, early-stopped, failed, cancelled) and how many went on.
/// </summary>
public sealed record PruningStep(int Epoch, int Reached, int Pruned, int EndedOtherwise, int Continued);
