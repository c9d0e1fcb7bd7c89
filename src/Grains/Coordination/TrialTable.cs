using System.Collections.Immutable;
using HyperSweep.Contracts;
using HyperSweep.Search;

namespace HyperSweep.Grains.Coordination;

/// <summary>
/// The coordinator's trial table: every trial's row (the persisted <see cref="TrialRecord"/>s), which are waiting to
/// start, which are running and which a scheduler paused (they hold no slot and may resume), trials that ended or paused
/// but may still hold a slot on their silo, and the ONE ranking that status, leaderboard and the CLI's top use. Pure: the
/// grain persists the rows and talks to the trials.
/// </summary>
public sealed class TrialTable
{
    private readonly List<TrialRecord> _records;
    private readonly Objective _objective;
    private readonly SortedSet<int> _pending = [];
    private readonly HashSet<int> _running = [];
    private readonly SortedSet<int> _paused = [];
    // Trials the coordinator ended (pruned) or paused whose attempt's thread may still hold its slot until it reports the outcome.
    private readonly Dictionary<int, (string Silo, DateTime Since, int Attempt)> _draining = [];

    /// <summary>A table over <paramref name="records"/> (the store's list: rows added here are persisted with it).</summary>
    public TrialTable(List<TrialRecord> records, Objective objective)
    {
        _records = records;
        _objective = objective;
        foreach (var record in records)
        {
            if (record.State == TrialState.Pending)
            {
                _pending.Add(record.Number);
            }
            else if (record.State == TrialState.Running)
            {
                _running.Add(record.Number);
            }
            else if (record.State == TrialState.Paused)
            {
                _paused.Add(record.Number);
            }
        }
    }

    public int Count => _records.Count;

    public IReadOnlyCollection<int> Pending => _pending;

    public IReadOnlyCollection<int> Running => _running;

    public IReadOnlyCollection<int> Paused => _paused;

    public IReadOnlyList<TrialRecord> Records => _records;

    public TrialRecord this[int number] => _records[number];

    public bool Contains(int number) => number >= 0 && number < _records.Count;

    /// <summary>Whether trial <paramref name="number"/> is running as <paramref name="attempt"/> (not a superseded or ended one).</summary>
    public bool IsRunningAttempt(int number, int attempt) => Contains(number) && _records[number] is { State: TrialState.Running } record && record.Attempt == attempt;

    /// <summary>A new trial with its proposed parameters, waiting to start.</summary>
    public TrialRecord Add(ImmutableSortedDictionary<string, object> parameters)
    {
        var record = new TrialRecord { Number = _records.Count, Parameters = parameters };
        _records.Add(record);
        _pending.Add(record.Number);
        return record;
    }

    /// <summary>The trial's attempt started on <paramref name="silo"/>, resuming after epoch <paramref name="resumedFromEpoch"/> and <paramref name="resumedFromBatch"/> batches of the next.</summary>
    public void Started(int number, string silo, int resumedFromEpoch, int resumedFromBatch = 0)
    {
        var record = _records[number];
        _pending.Remove(number);
        _running.Add(number);
        record.State = TrialState.Running;
        record.Silo = silo;
        if (!record.Attempts.Any(a => a.Attempt == record.Attempt))
        {
            record.Attempts.Add(new TrialAttempt(record.Attempt, silo, resumedFromEpoch, resumedFromBatch));
        }
    }

    /// <summary>Back to waiting, as a new attempt (it resumes from its checkpoint).</summary>
    public void Requeue(int number)
    {
        var record = _records[number];
        _running.Remove(number);
        _pending.Add(number);
        record.State = TrialState.Pending;
        record.Attempt++;
    }

    /// <summary>A running trial paused after its last epoch: it holds no slot once its attempt's thread has let go of it.</summary>
    public void Pause(int number, string reason, DateTime now)
    {
        var record = _records[number];
        if (_running.Remove(number) && record.Silo is { } silo)
        {
            _draining[number] = (silo, now, record.Attempt);
        }

        _paused.Add(number);
        record.State = TrialState.Paused;
        record.Reason = reason;
    }

    /// <summary>A paused trial waits to start again, as a new attempt (it resumes from its checkpoint).</summary>
    public void Resume(int number, string reason)
    {
        var record = _records[number];
        _paused.Remove(number);
        _pending.Add(number);
        record.State = TrialState.Pending;
        record.Reason = reason;
        record.Attempt++;
    }

    /// <summary>Ends a trial; a pruned trial's silo is counted busy until its thread reports the outcome (see <see cref="Drained"/>).</summary>
    public void End(int number, TrialState final, string? reason, DateTime now)
    {
        var record = _records[number];
        if (_running.Remove(number) && record.Silo is { } silo && final == TrialState.Pruned)
        {
            _draining[number] = (silo, now, record.Attempt);
        }

        _pending.Remove(number);
        _paused.Remove(number);
        record.State = final;
        record.Reason = reason;
        record.EndedAt = new DateTimeOffset(now, TimeSpan.Zero);
    }

    /// <summary>True when the outcome of an attempt the coordinator had already ended or paused arrived: its slot is free.</summary>
    public bool Drained(int number, int attempt)
    {
        if (!_draining.TryGetValue(number, out var draining) || draining.Attempt != attempt)
        {
            return false;
        }

        _draining.Remove(number);
        return true;
    }

    /// <summary>Forgets ended trials whose silo left or that drained for longer than <paramref name="patience"/>.</summary>
    public void ExpireDraining(IReadOnlySet<string> activeSilos, DateTime now, TimeSpan patience)
    {
        foreach (var (number, (silo, since, _)) in _draining.ToList())
        {
            if (!activeSilos.Contains(silo) || now - since > patience)
            {
                _draining.Remove(number);
            }
        }
    }

    /// <summary>Trials of this sweep holding a slot on each silo (running ones and ended ones still draining).</summary>
    public Dictionary<string, int> LoadBySilo()
    {
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var silo in _running.Select(n => _records[n].Silo).Concat(_draining.Values.Select(d => d.Silo)))
        {
            if (silo is not null)
            {
                load[silo] = load.GetValueOrDefault(silo) + 1;
            }
        }

        return load;
    }

    /// <summary>Records an epoch's objective value: last value, and the best so far under the objective.</summary>
    public void RecordEpoch(int number, int epoch, double value)
    {
        var record = _records[number];
        record.LastEpoch = epoch;
        record.LastValue = value;
        if (_objective.BecomesBest(value, record.BestValue))
        {
            record.BestValue = value;
            record.BestEpoch = epoch;
        }
    }

    /// <summary>Trials the coordinator ended whose thread may still be finishing (their grains have not committed their end).</summary>
    public int DrainingCount => _draining.Count;

    /// <summary>The one ranking as a comparison: negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public int CompareRank(TrialRecord a, TrialRecord b) => Compare(a, b);

    /// <summary>The one ranking: completed trials first, then the better best value, then the lower number; trials without a value are left out.</summary>
    public IEnumerable<TrialRecord> Ranked() => _records.Where(r => r.BestValue is not null).Order(Comparer<TrialRecord>.Create(Compare));

    /// <summary>The first of <see cref="Ranked"/>, in one pass (status is polled often).</summary>
    public TrialRecord? Leader()
    {
        TrialRecord? best = null;
        foreach (var record in _records)
        {
            if (record.BestValue is not null && (best is null || Compare(record, best) < 0))
            {
                best = record;
            }
        }

        return best;
    }

    /// <summary>How many trials are in each state.</summary>
    public int[] CountByState()
    {
        var counts = new int[Enum.GetValues<TrialState>().Length];
        foreach (var record in _records)
        {
            counts[(int)record.State]++;
        }

        return counts;
    }

    private int Compare(TrialRecord a, TrialRecord b)
    {
        var completedA = a.State == TrialState.Completed;
        if (completedA != (b.State == TrialState.Completed))
        {
            return completedA ? -1 : 1;
        }

        var order = a.BestValue!.Value.CompareTo(b.BestValue!.Value);
        if (_objective.Maximize)
        {
            order = -order;
        }

        return order != 0 ? order : a.Number.CompareTo(b.Number);
    }
}
