namespace HyperSweep.Grains.Telemetry;

/// <summary>
/// The latest objective value of recently reported trials, the source of the <c>hypersweep.trial.objective</c>
/// gauge. Bounded: at most <see cref="Capacity"/> trials per process; the trial updated longest ago is dropped
/// first, so a huge sweep cannot grow the number of series without limit.
/// </summary>
public sealed class LatestObjectives(int capacity)
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Sweep, int Trial), (double Value, long Sequence)> _values = [];
    private long _sequence;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be at least 1");

    public void Set(string sweep, int trial, double value)
    {
        lock (_gate)
        {
            _values[(sweep, trial)] = (value, ++_sequence);
            if (_values.Count > Capacity)
            {
                var oldest = _values.MinBy(e => e.Value.Sequence).Key;
                _values.Remove(oldest);
            }
        }
    }

    public IReadOnlyList<(string Sweep, int Trial, double Value)> Snapshot()
    {
        lock (_gate)
        {
            return _values.Select(e => (e.Key.Sweep, e.Key.Trial, e.Value.Value)).ToList();
        }
    }
}
