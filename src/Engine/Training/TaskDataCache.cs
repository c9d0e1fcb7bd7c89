using System.Collections.Concurrent;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Training;

/// <summary>
/// Shares built <see cref="TaskData"/> between trials of one process: every trial of a sweep has the same
/// task, and reading and encoding PTB once instead of per trial saves seconds each. Thread-safe; each
/// (task, base directory) is built at most once while cached. Keeps the most recent <c>capacity</c> tasks.
/// </summary>
public sealed class TaskDataCache
{
    private readonly int _capacity;
    private readonly ConcurrentDictionary<(TaskDefinition, string), Lazy<TaskData>> _entries = new();
    private readonly ConcurrentQueue<(TaskDefinition, string)> _order = new();

    public TaskDataCache(int capacity = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>A process-wide cache for hosts that run many trials.</summary>
    public static TaskDataCache Shared { get; } = new();

    public TaskData GetOrBuild(TaskDefinition task, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(task);
        var key = (task, Path.GetFullPath(baseDirectory));
        var entry = _entries.GetOrAdd(key, k => new Lazy<TaskData>(() => TaskData.Build(k.Item1, k.Item2)));
        try
        {
            var data = entry.Value;
            Remember(key);
            return data;
        }
        catch
        {
            // A failed build is not cached: the files may be fixed and the trial retried.
            _entries.TryRemove(new KeyValuePair<(TaskDefinition, string), Lazy<TaskData>>(key, entry));
            throw;
        }
    }

    private void Remember((TaskDefinition, string) key)
    {
        if (_order.Contains(key))
        {
            return;
        }

        _order.Enqueue(key);
        while (_order.Count > _capacity && _order.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }
}
