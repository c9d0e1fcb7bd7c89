namespace HyperSweep.Search;

/// <summary>The coordinator resumed the paused trial (an ASHA promotion, the next PBT generation): it continues from its checkpoint.</summary>
public sealed record TrialResumed(int Trial) : SearchEvent(Trial);
