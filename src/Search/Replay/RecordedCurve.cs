using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Replay;

/// <summary>
/// One configuration's recorded learning curve: its parameters and the objective value after each epoch
/// (epoch k is reported as step k). <see cref="EpochCost"/> is the simulated time one epoch takes.
/// </summary>
public sealed record RecordedCurve(TrialParameters Parameters, IReadOnlyList<double> Values, double EpochCost = 1.0);
