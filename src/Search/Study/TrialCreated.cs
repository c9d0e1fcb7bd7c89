using HyperSweep.Search.Spaces;

namespace HyperSweep.Search;

/// <summary>An ask: the trial entered the study as RUNNING with this proposal.</summary>
public sealed record TrialCreated(int Trial, TrialParameters Parameters) : SearchEvent(Trial);
