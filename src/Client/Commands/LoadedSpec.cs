using HyperSweep.Search.Spec;

namespace HyperSweep.Client.Commands;

/// <summary>A spec file that passed validation: its text (what is submitted), the parsed spec, and its folder (where relative data paths resolve).</summary>
public sealed record LoadedSpec(string Text, SweepSpec Spec, string Folder)
{
    /// <summary>Trials the sweep runs: the grid's size (capped by trials) or the trial budget.</summary>
    public long PlannedTrials => Spec.TrialCount(Spec.CreateSampler());
}
