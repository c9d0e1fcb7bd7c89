using HyperSweep.Silo;

namespace HyperSweep.Client;

/// <summary>The parsed options of <c>hypersweep run</c>.</summary>
public sealed record RunRequest(
    FileInfo? Spec,
    string? Resume,
    bool Json,
    string? StateDir,
    int? Slots,
    WorkloadKind Workload,
    int Top);
