namespace HyperSweep.Engine.Training;

/// <summary>
/// Reported after every training batch: epoch (1-based), batch index (1-based) of how many, its mean loss, and
/// how many items that mean averages over (examples for classifiers and NPLM, real target tokens for language
/// models), so hosts can report throughput without knowing the batch layout.
/// </summary>
public sealed record BatchProgress(int Epoch, int Batch, int BatchCount, double Loss, double Items);
