using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Search.Pruning;

namespace HyperSweep.Grains.Planning;

/// <summary>
/// A parsed, validated sweep spec as the coordinator uses it: objective, budget, task, the trial sequence
/// (the sampler) and the pruner settings. Deterministic: the same spec text gives the same trials, so a
/// coordinator re-activated after a restart rebuilds it from the stored text.
/// </summary>
public interface ISweepPlan
{
    string Name { get; }

    Objective Objective { get; }

    /// <summary>Epochs each trial trains at most.</summary>
    int MaxEpochs { get; }

    /// <summary>Trials of this sweep running at once at most.</summary>
    int Concurrency { get; }

    /// <summary>Trials in the sweep: the grid's size or the random budget.</summary>
    int PlannedTrials { get; }

    /// <summary>The spec's <c>task:</c> section as JSON (the dictionary form Engine validates).</summary>
    string TaskJson { get; }

    PrunerSpec Pruner { get; }

    /// <summary>The trainer's own early stopping (patience in epochs, minimum improvement), or null for none.</summary>
    (int Patience, double MinDelta)? EarlyStopping { get; }

    /// <summary>The folder relative data paths in the task are resolved against (the spec file's folder).</summary>
    string BaseDirectory { get; }

    /// <summary>Hyper-parameters of trial <paramref name="trial"/> (0-based): fixed settings merged with sampled ones.</summary>
    ImmutableSortedDictionary<string, object> ParametersOf(int trial);

    /// <summary>The training seed of trial <paramref name="trial"/>.</summary>
    long SeedOf(int trial);
}
