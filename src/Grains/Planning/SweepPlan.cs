using System.Collections.Immutable;
using HyperSweep.Engine.Tasks;
using HyperSweep.Search;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Spec;

namespace HyperSweep.Grains.Planning;

/// <summary>
/// A validated sweep as the coordinator runs it: the parsed spec, the Engine's typed task, and the folder relative
/// data paths resolve against. Deterministic: a coordinator re-activated after a restart rebuilds the same plan from
/// the stored spec text.
/// </summary>
public sealed class SweepPlan(SweepSpec spec, TaskDefinition task, string baseDirectory, int plannedTrials)
{
    public SweepSpec Spec => spec;

    public string Name => spec.Name;

    public Objective Objective => spec.Objective;

    /// <summary>Epochs each trial trains at most.</summary>
    public int MaxEpochs => spec.Budget.MaxEpochs;

    /// <summary>Trials of this sweep running at once at most.</summary>
    public int Concurrency => spec.Concurrency;

    /// <summary>Trials in the sweep: the grid's size (capped by trials) or the trial budget.</summary>
    public int PlannedTrials => plannedTrials;

    public TaskDefinition Task => task;

    public PrunerSpec Pruner => spec.Pruner;

    /// <summary>The folder relative data paths in the task resolve against (the spec file's folder).</summary>
    public string BaseDirectory => baseDirectory;

    /// <summary>How many of the best trials keep their models (<c>keep: {best: N}</c>).</summary>
    public int KeepBest => spec.Keep.Best;

    /// <summary>Whether the task has a test split, which kept models are scored on once the sweep has ended.</summary>
    public bool HasTestSplit => task.Data switch
    {
        AgreementDataSpec agreement => agreement.Options.TestSize > 0,
        FileDataSpec files => files.Test is not null,
        _ => false,
    };

    /// <summary>The training seed: every trial trains from the same seed, so trials differ only by their hyper-parameters.</summary>
    public long TrainingSeed => spec.Strategy.Seed;

    /// <summary>What a trial trains with: the spec's fixed model settings merged with the trial's searched parameters.</summary>
    public ImmutableSortedDictionary<string, object> HyperParametersOf(IReadOnlyDictionary<string, object>? searched)
    {
        var merged = ImmutableSortedDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.Model)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in searched ?? ImmutableSortedDictionary<string, object>.Empty)
        {
            merged[key] = value;
        }

        return merged.ToImmutable();
    }
}
