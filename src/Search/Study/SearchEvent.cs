using HyperSweep.Search.Spaces;

namespace HyperSweep.Search;

/// <summary>
/// One entry of a search log: a trial created with its proposal (an ask), a report, a trial's end, and the scheduler's
/// pauses, resumes and exploitations as the coordinator applied them. The ordered log is the whole persistent state of a
/// <see cref="SearchSession"/>.
/// </summary>
public abstract record SearchEvent(int Trial)
{
    public static TrialCreated Created(int trial, TrialParameters parameters) => new(trial, parameters);

    public static TrialReported Reported(int trial, int step, double value) => new(trial, step, value);

    public static TrialFinished Finished(int trial, TrialState state, double? value = null) => new(trial, state, value);

    public static TrialPaused Paused(int trial, int step) => new(trial, step);

    public static TrialResumed Resumed(int trial) => new(trial);

    public static TrialExploited Exploited(Scheduling.Exploitation e) => new(e.Trial, e.Donor, e.Step, e.Before, e.After, e.Explanation);
}
