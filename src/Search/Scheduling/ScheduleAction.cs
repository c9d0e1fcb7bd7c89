namespace HyperSweep.Search.Scheduling;

/// <summary>What a scheduler answers after a trial's report.</summary>
public enum ScheduleAction
{
    /// <summary>Train the next step.</summary>
    Continue,

    /// <summary>End the trial now (pruned).</summary>
    Stop,

    /// <summary>
    /// Stop training after this step but keep the trial: its checkpoint stays, it holds no training slot, and the
    /// scheduler may resume it later (an ASHA promotion, the next PBT generation).
    /// </summary>
    Pause,
}
