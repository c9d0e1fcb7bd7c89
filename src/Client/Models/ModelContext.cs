using HyperSweep.Contracts;
using HyperSweep.Contracts.Artifacts;
using HyperSweep.Engine.Packaging;

namespace HyperSweep.Client.Models;

/// <summary>
/// What a model command body gets: the loaded model, where it came from (a file, or a sweep's kept trial with its
/// status and row), and how to print.
/// </summary>
public sealed record ModelContext(
    LoadedModel Model,
    ModelPackage Package,
    string Source,
    TextWriter Out,
    TextWriter Error,
    bool Json,
    bool Quiet,
    SweepStatus? Sweep = null,
    KeptModel? Kept = null);
