using System.Collections;

namespace HyperSweep.Search.Spaces;

/// <summary>
/// The active hyper-parameters of one trial (inactive conditional parameters are absent). Immutable, with
/// value equality and a canonical key ("arch=rnn, cell=gru, lr=0.01" in declaration order).
/// </summary>
public sealed class TrialParameters : IReadOnlyDictionary<string, object>, IEquatable<TrialParameters>
{
    private readonly KeyValuePair<string, object>[] _entries;
    private readonly Dictionary<string, object> _byName;

    public TrialParameters(IEnumerable<KeyValuePair<string, object>> entries)
    {
        _entries = entries.ToArray();
        _byName = new Dictionary<string, object>(_entries, StringComparer.Ordinal);
        Key = string.Join(", ", _entries.Select(e => $"{e.Key}={ParameterValues.Format(e.Value)}"));
    }

    /// <summary>No parameters (a space without parameters, or a trial whose proposal is not recorded yet).</summary>
    public static TrialParameters Empty { get; } = new([]);

    /// <summary>Canonical text: names in declaration order with invariant values.</summary>
    public string Key { get; }

    public object this[string key] => _byName[key];

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<object> Values => _entries.Select(e => e.Value);

    public int Count => _entries.Length;

    public bool ContainsKey(string key) => _byName.ContainsKey(key);

    public bool TryGetValue(string key, out object value) => _byName.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(TrialParameters? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as TrialParameters);

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Key;
}
