using HyperSweep.Silo;

namespace HyperSweep.Client;

/// <summary>The parsed options of <c>hypersweep run</c>; <see cref="Cluster"/> (or HYPERSWEEP_CLUSTER) runs on a cluster instead of a dev silo.</summary>
public sealed record RunRequest(
    FileInfo? Spec,
    string? Resume,
    bool Json,
    string? StateDir,
    int? Slots,
    WorkloadKind Workload,
    int Top,
    string? Cluster = null);
