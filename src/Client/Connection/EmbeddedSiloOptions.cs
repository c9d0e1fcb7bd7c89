using HyperSweep.Silo;

namespace HyperSweep.Client.Connection;

/// <summary>
/// How <c>hypersweep run</c> hosts a dev silo inside its own process when none holds the state directory: training
/// slots (null: the core count) and the workload. A silo that already runs on the directory keeps its own settings.
/// </summary>
public sealed record EmbeddedSiloOptions(int? Slots, WorkloadKind Workload);
