namespace HyperSweep.Search.Pruning;

/// <summary>
/// Everything a pruner reads: the study direction and name, every trial's reports and state, and
/// per-step sorted summaries of the values of COMPLETE trials (and, for the opt-in "running trials"
/// reference set, of RUNNING + COMPLETE trials). The summaries are what keeps one decision's cost from
/// growing linearly with the number of trials.
/// </summary>
/// <remarks>
/// The study is a pure function of the ordered sequence of <see cref="Report"/>/<see cref="Finish"/>
/// calls. A coordinator that persists that sequence (see <see cref="PruningSession"/>) rebuilds it exactly.
/// </remarks>
public sealed class PruningStudy
{
    private readonly Dictionary<int, TrialReports> _trials = new();
    private readonly Dictionary<int, StepSummary> _completedByStep = new();
    private readonly Dictionary<int, StepSummary> _liveByStep = new();

    public PruningStudy(string name, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Direction = direction;
    }

    /// <summary>The study name; Hyperband hashes it (with the trial number) to choose a bracket.</summary>
    public string Name { get; }

    public StudyDirection Direction { get; }

    public int CompletedCount { get; private set; }

    /// <summary>Largest <c>last_step</c> over COMPLETE trials that reported something (for "auto" resources).</summary>
    public int? MaxCompletedLastStep { get; private set; }

    public IReadOnlyCollection<TrialReports> Trials => _trials.Values;

    public TrialReports Trial(int number) =>
        _trials.TryGetValue(number, out var trial)
            ? trial
            : throw new KeyNotFoundException($"trial {number} is not part of study '{Name}'");

    public bool Contains(int number) => _trials.ContainsKey(number);

    /// <summary>Registers a RUNNING trial (also done implicitly by its first report).</summary>
    public TrialReports Start(int number)
    {
        if (number < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "trial numbers start at 0");
        }
        if (!_trials.TryGetValue(number, out var trial))
        {
            trial = new TrialReports(number);
            _trials.Add(number, trial);
        }
        return trial;
    }

    /// <summary>Records <c>report(value, step)</c>; false when the step was already reported (first value wins).</summary>
    public bool Report(int number, int step, double value)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"trial {number}: steps are non-negative");
        }
        var trial = Start(number);
        if (trial.State != TrialState.Running)
        {
            throw new InvalidOperationException($"trial {number} is {trial.State}; only a running trial reports");
        }
        if (!trial.TryAdd(step, value))
        {
            return false;
        }
        Summary(_liveByStep, step).Add(value);
        return true;
    }

    /// <summary>Moves a RUNNING trial to its final state.</summary>
    public void Finish(int number, TrialState state)
    {
        if (state == TrialState.Running)
        {
            throw new ArgumentException("a trial cannot finish as Running", nameof(state));
        }
        var trial = Start(number);
        if (trial.State != TrialState.Running)
        {
            throw new InvalidOperationException($"trial {number} already finished as {trial.State}");
        }
        trial.State = state;
        if (state != TrialState.Complete)
        {
            // A pruned/failed/cancelled trial is no longer a live reference.
            for (var i = 0; i < trial.StepCount; i++)
            {
                _liveByStep[trial.StepAt(i)].Remove(trial.ValueAtIndex(i));
            }
            return;
        }
        CompletedCount++;
        for (var i = 0; i < trial.StepCount; i++)
        {
            Summary(_completedByStep, trial.StepAt(i)).Add(trial.ValueAtIndex(i));
        }
        if (trial.LastStep is { } last && (MaxCompletedLastStep is null || last > MaxCompletedLastStep))
        {
            MaxCompletedLastStep = last;
        }
    }

    /// <summary>Values of COMPLETE trials at <paramref name="step"/> (Optuna's reference set), or null.</summary>
    internal StepSummary? CompletedAt(int step) => _completedByStep.GetValueOrDefault(step);

    /// <summary>Values of RUNNING and COMPLETE trials at <paramref name="step"/>, or null.</summary>
    internal StepSummary? LiveAt(int step) => _liveByStep.GetValueOrDefault(step);

    private static StepSummary Summary(Dictionary<int, StepSummary> byStep, int step)
    {
        if (!byStep.TryGetValue(step, out var summary))
        {
            summary = new StepSummary();
            byStep.Add(step, summary);
        }
        return summary;
    }
}
