namespace HyperSweep.Engine.Training;

/// <summary>Reported after every training batch: epoch (1-based), batch index (1-based) of how many, and its mean loss.</summary>
public sealed record BatchProgress(int Epoch, int Batch, int BatchCount, double Loss);
