using HyperSweep.Search;
using HyperSweep.Search.Scheduling;

namespace HyperSweep.Scheduler.Bench;

/// <summary>
/// Wraps a scheduler and records, in order, every report it judged (one per trained epoch) and every resume, so a
/// replay yields the curve of best-so-far against the core-seconds spent up to each report.
/// </summary>
internal sealed class RecordingScheduler(IScheduler inner) : IScheduler
{
    public List<(int Trial, int Step, double Value)> Reports { get; } = [];

    public int Resumes { get; private set; }

    public string Name => inner.Name;

    public int? TrialLimit => inner.TrialLimit;

    public ScheduleDecision Decide(Study study, int trial)
    {
        var reported = study.Trial(trial);
        Reports.Add((trial, reported.LastStep!.Value, reported.ValueAt(reported.LastStep.Value)));
        return inner.Decide(study, trial);
    }

    public ResumePlan? NextResume(Study study) => inner.NextResume(study);

    public IReadOnlyList<StrandedTrial> Stranded(Study study) => inner.Stranded(study);

    public void OnPaused(Study study, int trial, int step) => inner.OnPaused(study, trial, step);

    public void OnResumed(Study study, int trial)
    {
        Resumes++;
        Reports.Add((trial, -1, double.NaN)); // a resume: its cost is charged where it happened
        inner.OnResumed(study, trial);
    }

    public void OnExploited(Study study, Exploitation exploitation) => inner.OnExploited(study, exploitation);

    public void OnFinished(Study study, int trial, TrialState state) => inner.OnFinished(study, trial, state);

    public SchedulerSnapshot Describe(Study study) => inner.Describe(study);
}
