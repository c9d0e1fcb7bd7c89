using HyperSweep.Search.Spaces;

namespace HyperSweep.Search.Replay;

/// <summary>One recorded configuration of a tabular benchmark and the objective value it reached.</summary>
public sealed record TableRow(TrialParameters Parameters, double Value);
