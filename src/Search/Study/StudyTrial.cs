using HyperSweep.Search.Spaces;

namespace HyperSweep.Search;

/// <summary>
/// One trial as the samplers and pruners see it: its number, state, proposed parameters, step→value reports and
/// final value. The first report of a step wins (Optuna 3.1 ignores a repeat), and <see cref="LastStep"/> is the
/// LARGEST step, not the latest. Read-only to samplers and pruners; <see cref="Study"/> is the only writer.
/// </summary>
public sealed class StudyTrial
{
    private readonly SortedList<int, double> _values = new();

    internal StudyTrial(int number)
    {
        Number = number;
    }

    public int Number { get; }

    public TrialState State { get; internal set; } = TrialState.Running;

    /// <summary>
    /// The proposal this trial runs (inactive conditional parameters absent). Empty while the sampler is still
    /// proposing it, and for a trial that entered the study by reporting without being created.
    /// </summary>
    public TrialParameters Parameters { get; internal set; } = TrialParameters.Empty;

    /// <summary>Whether <see cref="Parameters"/> holds the trial's recorded proposal (false while it is being proposed).</summary>
    public bool HasParameters { get; internal set; }

    /// <summary>
    /// The final value given at <see cref="Study.Finish"/>: for a Completed trial its objective value (the coordinator
    /// passes the best reported value, the one the leaderboard ranks by); null when none was given.
    /// </summary>
    public double? Value { get; internal set; }

    /// <summary>Reports by step, ascending.</summary>
    public IReadOnlyList<int> Steps => _values.Keys.AsReadOnly();

    public IReadOnlyList<double> ValuesInStepOrder => _values.Values.AsReadOnly();

    /// <summary>The i-th reported step in ascending order (no allocation).</summary>
    public int StepAt(int index) => _values.Keys[index];

    /// <summary>The value of the i-th reported step in ascending step order (no allocation).</summary>
    public double ValueAtIndex(int index) => _values.Values[index];

    public int StepCount => _values.Count;

    public int? LastStep => _values.Count == 0 ? null : _values.Keys[_values.Count - 1];

    /// <summary>The largest reported step other than the last one, or -1 (the interval gate needs it).</summary>
    public int SecondLastStep => _values.Count < 2 ? -1 : _values.Keys[_values.Count - 2];

    /// <summary>NaN-aware minimum over every reported value (NaN when all are NaN).</summary>
    public double BestMinimum { get; private set; } = double.NaN;

    /// <summary>NaN-aware maximum over every reported value (NaN when all are NaN).</summary>
    public double BestMaximum { get; private set; } = double.NaN;

    public bool IsFinished => State is not (TrialState.Running or TrialState.Pending or TrialState.Paused);

    public double Best(StudyDirection direction) =>
        direction == StudyDirection.Maximize ? BestMaximum : BestMinimum;

    public bool TryGetValue(int step, out double value) => _values.TryGetValue(step, out value);

    public double ValueAt(int step) => _values[step];

    /// <summary>Adds a report; false (and nothing changes) when the step was already reported.</summary>
    internal bool TryAdd(int step, double value)
    {
        if (!_values.TryAdd(step, value))
        {
            return false;
        }
        if (!double.IsNaN(value))
        {
            // Comparisons with NaN are false, so the first number replaces the NaN start value.
            if (!(value >= BestMinimum))
            {
                BestMinimum = value;
            }
            if (!(value <= BestMaximum))
            {
                BestMaximum = value;
            }
        }
        return true;
    }
}
