namespace HyperSweep.Grains.Liveness;

/// <summary>What a coordinator concludes about a trial it believes is running, from the trial grain's probe.</summary>
public enum AttemptLiveness
{
    /// <summary>The attempt is training (or the probe says nothing the coordinator can act on).</summary>
    Alive,

    /// <summary>The attempt finished and persisted its outcome, but the coordinator never received the report.</summary>
    EndedUnreported,

    /// <summary>The attempt is gone without an outcome (its activation was deactivated, which interrupts training).</summary>
    Lost,
}
