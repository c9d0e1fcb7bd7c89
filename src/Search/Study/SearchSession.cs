using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Scheduling;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search;

/// <summary>
/// A study plus its sampler, its scheduler (a pruner, or a scheduler that also pauses, resumes and exploits) and the
/// ordered log of what happened: the object a sweep coordinator keeps. Every <see cref="Propose"/>/<see cref="Create"/>,
/// <see cref="Report"/>, <see cref="Finish"/>, <see cref="Pause"/>, <see cref="Resume"/> and <see cref="Exploit"/> is
/// appended to <see cref="Log"/>; after a restart, <see cref="Rebuild"/> replays the persisted log into a fresh sampler
/// and scheduler and yields the same state (TPE's group decomposition, rung records and promotions, resolved "auto"
/// resources, brackets, PBT's current parameters) and therefore the same future proposals and decisions.
/// </summary>
/// <remarks>
/// Not thread-safe: one caller at a time (an Orleans grain's turns are). Rebuilding replays each
/// <see cref="TrialCreated"/> through <see cref="ISampler.OnTrialCreated"/> without proposing, and each report
/// through the scheduler (≈ 1 µs), so even a 10,000-trial × 50-epoch sweep rebuilds in well under a second. A paused
/// trial stays RUNNING in the <see cref="Study"/>: samplers see it as running, as it has not ended.
/// </remarks>
public sealed class SearchSession
{
    private readonly List<SearchEvent> _log = new();

    public SearchSession(string studyName, StudyDirection direction, ISampler sampler, IPruner pruner)
        : this(studyName, direction, sampler, new PrunerScheduler(pruner ?? throw new ArgumentNullException(nameof(pruner))))
    {
    }

    public SearchSession(string studyName, StudyDirection direction, ISampler sampler, IScheduler scheduler)
    {
        Study = new Study(studyName, direction);
        Sampler = sampler ?? throw new ArgumentNullException(nameof(sampler));
        Scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
    }

    public Study Study { get; }

    public ISampler Sampler { get; }

    public IScheduler Scheduler { get; }

    public IReadOnlyList<SearchEvent> Log => _log;

    /// <summary>
    /// Optuna's ask: trial <paramref name="trial"/> enters the study as RUNNING, the sampler proposes its
    /// parameters (seeing it as running), and the proposal is recorded and logged as <see cref="TrialCreated"/>.
    /// </summary>
    public TrialParameters Propose(int trial)
    {
        Study.Create(trial);
        Sampler.OnTrialCreated(Study, trial);
        var parameters = Sampler.Propose(Study, trial);
        Study.SetParameters(trial, parameters);
        _log.Add(SearchEvent.Created(trial, parameters));
        return parameters;
    }

    /// <summary>
    /// A trial whose parameters were decided elsewhere (a user-given configuration, a replayed log): it enters the
    /// study as an ask would, without asking the sampler to propose.
    /// </summary>
    public void Create(int trial, TrialParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Study.Create(trial);
        Sampler.OnTrialCreated(Study, trial);
        Study.SetParameters(trial, parameters);
        _log.Add(SearchEvent.Created(trial, parameters));
    }

    /// <summary>Records a report and answers what the trial does next (a repeated step keeps the first value).</summary>
    public ScheduleDecision Report(int trial, int step, double value)
    {
        Study.Report(trial, step, value);
        _log.Add(SearchEvent.Reported(trial, step, value));
        return Scheduler.Decide(Study, trial);
    }

    /// <summary>Ends a trial; <paramref name="value"/> is its objective value when it completed (see <see cref="Study.Finish"/>).</summary>
    public void Finish(int trial, TrialState state, double? value = null)
    {
        Study.Finish(trial, state, value);
        _log.Add(SearchEvent.Finished(trial, state, value));
        Scheduler.OnFinished(Study, trial, state);
    }

    /// <summary>The trial paused after <paramref name="step"/>, as the scheduler's decision asked.</summary>
    public void Pause(int trial, int step)
    {
        RequireRunning(trial, "pause");
        Scheduler.OnPaused(Study, trial, step);
        _log.Add(SearchEvent.Paused(trial, step));
    }

    /// <summary>What to resume now that a slot is free (an ASHA promotion, a PBT generation), or null; changes nothing.</summary>
    public ResumePlan? NextResume() => Scheduler.NextResume(Study);

    /// <summary>Paused trials that can never resume (ask when nothing runs, waits or can be created); changes nothing.</summary>
    public IReadOnlyList<StrandedTrial> Stranded() => Scheduler.Stranded(Study);

    /// <summary>A paused trial resumes (from its checkpoint).</summary>
    public void Resume(int trial)
    {
        RequireRunning(trial, "resume");
        Scheduler.OnResumed(Study, trial);
        _log.Add(SearchEvent.Resumed(trial));
    }

    /// <summary>Applies an exploitation of a <see cref="ResumePlan"/>: the trial will continue from its donor's checkpoint.</summary>
    public void Exploit(Exploitation exploitation)
    {
        ArgumentNullException.ThrowIfNull(exploitation);
        RequireRunning(exploitation.Trial, "exploit");
        Scheduler.OnExploited(Study, exploitation);
        _log.Add(SearchEvent.Exploited(exploitation));
    }

    /// <summary>
    /// Rebuilds a session from its persisted log. <paramref name="freshSampler"/> and <paramref name="freshPruner"/>
    /// must be newly built from the same settings.
    /// </summary>
    public static SearchSession Rebuild(string studyName, StudyDirection direction, ISampler freshSampler, IPruner freshPruner,
        IEnumerable<SearchEvent> log) =>
        Rebuild(studyName, direction, freshSampler, new PrunerScheduler(freshPruner ?? throw new ArgumentNullException(nameof(freshPruner))), log);

    /// <summary>Rebuilds a session from its persisted log into a freshly built sampler and scheduler.</summary>
    public static SearchSession Rebuild(string studyName, StudyDirection direction, ISampler freshSampler, IScheduler freshScheduler,
        IEnumerable<SearchEvent> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var session = new SearchSession(studyName, direction, freshSampler, freshScheduler);
        foreach (var entry in log)
        {
            switch (entry)
            {
                case TrialCreated created:
                    session.Create(created.Trial, created.Parameters);
                    break;
                case TrialReported reported:
                    session.Report(reported.Trial, reported.Step, reported.Value);
                    break;
                case TrialFinished finished:
                    session.Finish(finished.Trial, finished.State, finished.Value);
                    break;
                case TrialPaused paused:
                    session.Pause(paused.Trial, paused.Step);
                    break;
                case TrialResumed resumed:
                    session.Resume(resumed.Trial);
                    break;
                case TrialExploited e:
                    session.Exploit(new Exploitation(e.Trial, e.Donor, e.Step, e.Before, e.After, e.Explanation));
                    break;
                default:
                    throw new ArgumentException($"unknown log entry {entry}", nameof(log));
            }
        }
        return session;
    }

    private void RequireRunning(int trial, string what)
    {
        if (Study.Trial(trial).State != TrialState.Running)
        {
            throw new InvalidOperationException($"trial {trial} is {Study.Trial(trial).State}; only a running trial can {what}");
        }
    }
}
