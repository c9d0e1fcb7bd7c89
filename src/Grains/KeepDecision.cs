namespace HyperSweep.Grains;

/// <summary>The coordinator's decision about an ended trial's weights (<c>keep: {best: N}</c>).</summary>
public enum KeepDecision
{
    /// <summary>Not decided: the trial has not ended (or ended before the coordinator recorded a decision).</summary>
    Undecided = 0,

    /// <summary>Among the N best ended trials: its model is kept.</summary>
    Kept = 1,

    /// <summary>Not among them, now or ever again (trials that end later can only push it further down): its weights are deleted.</summary>
    Released = 2,
}
