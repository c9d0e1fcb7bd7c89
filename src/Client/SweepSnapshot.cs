using HyperSweep.Contracts;

namespace HyperSweep.Client;

/// <summary>What the CLI shows at one moment: the sweep's status and its trial table.</summary>
public sealed record SweepSnapshot(SweepStatus Status, IReadOnlyList<TrialSummary> Trials);
