namespace HyperSweep.Search.Pruning;

/// <summary>
/// One entry of a pruning log: a report (trial, step, value) or a trial's end (trial, state). The ordered
/// log is the whole persistent state of a <see cref="PruningSession"/>.
/// </summary>
public sealed record PruningEvent(int Trial, int? Step, double Value, TrialState? End)
{
    public static PruningEvent Reported(int trial, int step, double value) => new(trial, step, value, null);

    public static PruningEvent Finished(int trial, TrialState state) => new(trial, null, double.NaN, state);

    public bool IsReport => End is null;
}
