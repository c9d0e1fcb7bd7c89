namespace HyperSweep.Search.Scheduling;

/// <summary>
/// Decides what happens to trials after their reports and when a training slot frees. A pruner only says stop or
/// continue; a scheduler may also pause a trial (its checkpoint is kept and it holds no slot), resume a paused one
/// (an ASHA promotion), and make a trial continue from another trial's checkpoint with new parameters (a PBT
/// exploit-and-explore). A pruner is a scheduler that only stops (<see cref="PrunerScheduler"/>). Samplers compose with
/// it: the sampler proposes new trials, the scheduler decides pauses, promotions and exploitations.
/// </summary>
/// <remarks>
/// State contract, the same as <see cref="Pruning.IPruner"/>'s, which is what makes a restarted coordinator decide as
/// the first one would have: a scheduler's state changes only in <see cref="Decide"/> (replayed from the reports) and in
/// the <c>On…</c> notifications, which <see cref="SearchSession"/> calls when it logs a pause, a resume, an
/// exploitation or an end — live and when it rebuilds a session from its log. <see cref="NextResume"/>,
/// <see cref="Stranded"/> and <see cref="Describe"/> are pure queries: what a coordinator does with their answers goes
/// through the session, and so into the log.
/// </remarks>
public interface IScheduler
{
    /// <summary>The scheduler's name ("ASHA", "Hyperband", "PBT", or the wrapped pruner's Optuna name).</summary>
    string Name { get; }

    /// <summary>The most trials a sweep may create under this scheduler (PBT: the population), or null (the strategy decides).</summary>
    int? TrialLimit { get; }

    /// <summary>Decides for <paramref name="trial"/>, which has just reported to <paramref name="study"/>.</summary>
    ScheduleDecision Decide(Study study, int trial);

    /// <summary>
    /// Asked when a training slot is free, before any new trial is created: the paused trials to resume now (an ASHA
    /// promotion; a PBT generation whose members all reached its boundary), or null.
    /// </summary>
    ResumePlan? NextResume(Study study);

    /// <summary>
    /// Asked when nothing runs or waits and no trial can be created any more, and <see cref="NextResume"/> is null: the
    /// paused trials that can never resume (they end as pruned, with the reason).
    /// </summary>
    IReadOnlyList<StrandedTrial> Stranded(Study study);

    /// <summary>The coordinator paused <paramref name="trial"/> after <paramref name="step"/>, as <see cref="Decide"/> asked.</summary>
    void OnPaused(Study study, int trial, int step);

    /// <summary>The coordinator resumed paused <paramref name="trial"/>, as <see cref="NextResume"/> asked.</summary>
    void OnResumed(Study study, int trial);

    /// <summary>The coordinator applied an exploitation of <see cref="NextResume"/>'s plan.</summary>
    void OnExploited(Study study, Exploitation exploitation);

    /// <summary><paramref name="trial"/> ended (the study has it in <paramref name="state"/> already).</summary>
    void OnFinished(Study study, int trial, TrialState state);

    /// <summary>The scheduler's state for people: rungs, promotions, generation.</summary>
    SchedulerSnapshot Describe(Study study);
}
