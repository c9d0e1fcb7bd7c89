namespace HyperSweep.Search;

/// <summary>The coordinator paused the trial after <paramref name="Step"/>, as its scheduler asked (its checkpoint is kept).</summary>
public sealed record TrialPaused(int Trial, int Step) : SearchEvent(Trial);
