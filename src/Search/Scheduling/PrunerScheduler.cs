using HyperSweep.Search.Pruning;

namespace HyperSweep.Search.Scheduling;

/// <summary>A pruner as a scheduler: it stops or continues, exactly as the pruner decides, and never pauses or resumes.</summary>
public sealed class PrunerScheduler(IPruner pruner) : IScheduler
{
    public IPruner Pruner { get; } = pruner ?? throw new ArgumentNullException(nameof(pruner));

    public string Name => Pruner.Name;

    public int? TrialLimit => null;

    public ScheduleDecision Decide(Study study, int trial) => ScheduleDecision.From(Pruner.Decide(study, trial));

    public ResumePlan? NextResume(Study study) => null;

    public IReadOnlyList<StrandedTrial> Stranded(Study study) => [];

    public void OnPaused(Study study, int trial, int step) =>
        throw new InvalidOperationException($"trial {trial}: {Name} never pauses a trial");

    public void OnResumed(Study study, int trial) =>
        throw new InvalidOperationException($"trial {trial}: {Name} never resumes a trial");

    public void OnExploited(Study study, Exploitation exploitation) =>
        throw new InvalidOperationException($"trial {exploitation.Trial}: {Name} never exploits");

    public void OnFinished(Study study, int trial, TrialState state)
    {
        // A pruner reads ends from the study itself.
    }

    public SchedulerSnapshot Describe(Study study) => new(Name, "stop-only pruner", []);
}
