using System.Collections.Concurrent;
using System.Diagnostics;

namespace HyperSweep.Dashboard.Data;

/// <summary>
/// The one server-side cache every page, tab and API request reads through, so the coordinator's load does not grow
/// with the number of viewers. Per key: one fetch at a time (concurrent readers share it), a fetched value is served
/// until it is older than its freshness, and a value marked final (a finished sweep, an ended trial) is served until
/// it is evicted. Freshness grows with the fetch's own cost (ten times its duration, at least the refresh interval, at
/// most 10 s), so a 10,000-trial sweep is not re-read every second. Failures are not cached.
/// </summary>
public sealed class DashboardCache(TimeProvider time)
{
    private const int MaxEntries = 20_000;
    // However slow a read gets (a huge sweep, a starved machine), a live page is never more than this behind.
    private static readonly TimeSpan MaxStretch = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>The cached value of <paramref name="key"/>, fetched with <paramref name="fetch"/> when missing or stale.</summary>
    public Task<T> GetAsync<T>(string key, TimeSpan freshFor, Func<Task<Fetched<T>>> fetch)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        Task<object?> pending;
        lock (entry)
        {
            var now = time.GetUtcNow();
            entry.LastRead = now;
            if (entry.HasValue && (entry.Final || now - entry.FetchedAt < Max(freshFor, Min(entry.FetchCost * 10, MaxStretch))))
            {
                return Task.FromResult((T)entry.Value!);
            }

            pending = entry.Pending ??= Fetch(key, entry, fetch);
        }

        TrimIfLarge();
        return Cast<T>(pending);
    }

    /// <summary>Forgets <paramref name="key"/> (after a control action changed it).</summary>
    public void Invalidate(string key) => _entries.TryRemove(key, out _);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static async Task<T> Cast<T>(Task<object?> task) => (T)(await task)!;

    private async Task<object?> Fetch<T>(string key, Entry entry, Func<Task<Fetched<T>>> fetch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var fetched = await fetch();
            lock (entry)
            {
                entry.Value = fetched.Value;
                entry.HasValue = true;
                entry.Final = fetched.Final;
                entry.FetchedAt = time.GetUtcNow();
                entry.FetchCost = Stopwatch.GetElapsedTime(started);
            }

            return fetched.Value;
        }
        finally
        {
            lock (entry)
            {
                entry.Pending = null;
            }

            if (!entry.HasValue)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }
    }

    private void TrimIfLarge()
    {
        if (_entries.Count <= MaxEntries)
        {
            return;
        }

        // Least recently read first; a fetch in flight stays (its readers are waiting on it).
        foreach (var (key, _) in _entries.Where(e => e.Value.Pending is null).OrderBy(e => e.Value.LastRead).Take(_entries.Count - (MaxEntries * 4 / 5)).ToList())
        {
            _entries.TryRemove(key, out _);
        }
    }

    private sealed class Entry
    {
        public object? Value { get; set; }

        public bool HasValue { get; set; }

        public bool Final { get; set; }

        public DateTimeOffset FetchedAt { get; set; }

        public DateTimeOffset LastRead { get; set; }

        public TimeSpan FetchCost { get; set; }

        public Task<object?>? Pending { get; set; }
    }
}
