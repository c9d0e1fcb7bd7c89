namespace HyperSweep.Client.Plotting;

/// <summary>
/// One plotted learning curve: a trial's objective per epoch, the epoch it was pruned at (null when it was not), the
/// epochs after which it resumed from a checkpoint (a promotion, a PBT generation, a lost silo), and for PBT the
/// trials whose checkpoint it continued from, after which epoch.
/// </summary>
public sealed record CurveSeries(
    int Trial,
    string Label,
    IReadOnlyList<double> Epochs,
    IReadOnlyList<double> Values,
    int? PrunedAtEpoch,
    IReadOnlyList<int>? ResumedAfter = null,
    IReadOnlyList<(int Donor, int Epoch)>? Lineage = null);
