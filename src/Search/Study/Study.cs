using HyperSweep.Search.Pruning;
using HyperSweep.Search.Spaces;

namespace HyperSweep.Search;

/// <summary>
/// The one history that samplers and pruners read: the direction and name, every trial's state, proposal, reports
/// and final value, the trials in number order and in the order they finished, and per-step sorted summaries of
/// the values of COMPLETED trials (and, for the opt-in "running trials" reference set, of RUNNING + COMPLETED
/// trials). The summaries keep one pruning decision's cost from growing linearly with the number of trials; the
/// two orders let a sampler keep incremental indexes (it catches up on what was added since its last look).
/// </summary>
/// <remarks>
/// The study is a pure function of the ordered sequence of <see cref="Create"/>/<see cref="SetParameters"/>/
/// <see cref="Report"/>/<see cref="Finish"/> calls. A coordinator that persists that sequence (see
/// <see cref="SearchSession"/>) rebuilds it exactly.
/// </remarks>
public sealed class Study
{
    private readonly Dictionary<int, StudyTrial> _trials = new();
    private readonly List<StudyTrial> _byNumber = new();
    private readonly List<StudyTrial> _finished = new();
    private readonly Dictionary<int, StepSummary> _completedByStep = new();
    private readonly Dictionary<int, StepSummary> _liveByStep = new();

    public Study(string name, StudyDirection direction)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Direction = direction;
    }

    /// <summary>The study name; Hyperband hashes it (with the trial number) to choose a bracket.</summary>
    public string Name { get; }

    public StudyDirection Direction { get; }

    public int CompletedCount { get; private set; }

    /// <summary>Largest <c>last_step</c> over COMPLETED trials that reported something (for "auto" resources).</summary>
    public int? MaxCompletedLastStep { get; private set; }

    /// <summary>Every trial, in trial-number order.</summary>
    public IReadOnlyList<StudyTrial> Trials => _byNumber;

    /// <summary>Finished trials in the order they finished (append-only: a sampler's index reads what is new).</summary>
    public IReadOnlyList<StudyTrial> FinishedInOrder => _finished;

    public StudyTrial Trial(int number) =>
        _trials.TryGetValue(number, out var trial)
            ? trial
            : throw new KeyNotFoundException($"trial {number} is not part of study '{Name}'");

    public bool Contains(int number) => _trials.ContainsKey(number);

    /// <summary>
    /// Adds trial <paramref name="number"/> as RUNNING, with its proposal when it is already known (null: the
    /// sampler is about to propose it; <see cref="SetParameters"/> records it afterwards).
    /// </summary>
    public StudyTrial Create(int number, TrialParameters? parameters = null)
    {
        if (number < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "trial numbers start at 0");
        }
        if (_trials.ContainsKey(number))
        {
            throw new InvalidOperationException($"trial {number} is already part of study '{Name}'");
        }
        var trial = new StudyTrial(number);
        _trials.Add(number, trial);
        if (_byNumber.Count == 0 || _byNumber[^1].Number < number)
        {
            _byNumber.Add(trial);
        }
        else
        {
            _byNumber.Insert(InsertionIndex(number), trial);
        }
        if (parameters is not null)
        {
            SetParameters(number, parameters);
        }
        return trial;
    }

    /// <summary>Records the proposal of a trial created without one.</summary>
    public void SetParameters(int number, TrialParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var trial = Trial(number);
        if (trial.HasParameters)
        {
            throw new InvalidOperationException($"trial {number} already has its parameters");
        }
        trial.Parameters = parameters;
        trial.HasParameters = true;
    }

    /// <summary>
    /// Records <c>report(value, step)</c>; false when the step was already reported (first value wins). A trial
    /// that was never created enters the study here as RUNNING without parameters (pruning-only logs).
    /// </summary>
    public bool Report(int number, int step, double value)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, $"trial {number}: steps are non-negative");
        }
        var trial = _trials.GetValueOrDefault(number) ?? Create(number);
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

    /// <summary>
    /// Moves a RUNNING trial to its final state. <paramref name="value"/> is its final value: for a Completed trial
    /// the objective value the samplers rank it by (null or NaN: TPE treats it like a failed trial, as Optuna would).
    /// </summary>
    public void Finish(int number, TrialState state, double? value = null)
    {
        if (state is TrialState.Running or TrialState.Pending or TrialState.Paused)
        {
            throw new ArgumentException($"a trial cannot finish as {state}", nameof(state));
        }
        var trial = _trials.GetValueOrDefault(number) ?? Create(number);
        if (trial.State != TrialState.Running)
        {
            throw new InvalidOperationException($"trial {number} already finished as {trial.State}");
        }
        trial.State = state;
        trial.Value = value;
        _finished.Add(trial);
        if (state != TrialState.Completed)
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

    /// <summary>Values of COMPLETED trials at <paramref name="step"/> (Optuna's reference set), or null.</summary>
    internal StepSummary? CompletedAt(int step) => _completedByStep.GetValueOrDefault(step);

    /// <summary>Values of RUNNING and COMPLETED trials at <paramref name="step"/>, or null.</summary>
    internal StepSummary? LiveAt(int step) => _liveByStep.GetValueOrDefault(step);

    private int InsertionIndex(int number)
    {
        int low = 0, high = _byNumber.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_byNumber[middle].Number < number)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

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
