namespace HyperSweep.Engine.Data;

/// <summary>
/// A bijection between token strings and dense ids. The special tokens come first with fixed ids
/// (<see cref="PadId"/> = 0, <see cref="UnknownId"/> = 1, <see cref="EndOfSentenceId"/> = 2) so that padding
/// is id 0 in every batch; the corpus words follow by descending frequency, ties broken by ordinal
/// string order, so the same data always gives the same ids (determinism across machines).
/// </summary>
public sealed class Vocabulary
{
    public const string Pad = "<pad>";
    public const string Unknown = "<unk>";
    public const string EndOfSentence = "<eos>";
    public const int PadId = 0;
    public const int UnknownId = 1;
    public const int EndOfSentenceId = 2;

    private static readonly string[] SpecialTokens = [Pad, Unknown, EndOfSentence];

    private readonly string[] _tokens;
    private readonly Dictionary<string, int> _ids;

    private Vocabulary(string[] tokens)
    {
        _tokens = tokens;
        _ids = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (var i = 0; i < tokens.Length; i++)
        {
            _ids.Add(tokens[i], i);
        }
    }

    /// <summary>Number of ids, special tokens included.</summary>
    public int Count => _tokens.Length;

    /// <summary>All tokens in id order.</summary>
    public IReadOnlyList<string> Tokens => _tokens;

    /// <summary>
    /// Builds a vocabulary from tokenised sentences.
    /// </summary>
    /// <param name="sentences">The training sentences (never dev/test: that would leak).</param>
    /// <param name="minCount">Words seen fewer times map to <c>&lt;unk&gt;</c>.</param>
    /// <param name="maxSize">Upper bound on <see cref="Count"/> including the 3 special tokens; null = no bound.</param>
    public static Vocabulary Build(IEnumerable<IReadOnlyList<string>> sentences, int minCount = 1, int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        if (minCount < 1)
        {
            throw new EngineException($"min_count must be >= 1, got {minCount}");
        }

        if (maxSize is { } max && max < SpecialTokens.Length)
        {
            throw new EngineException($"max_vocab must be >= {SpecialTokens.Length} (the special tokens {string.Join(", ", SpecialTokens)}), got {max}");
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var sentence in sentences)
        {
            foreach (var token in sentence)
            {
                counts[token] = counts.GetValueOrDefault(token) + 1;
            }
        }

        var words = counts
            .Where(pair => pair.Value >= minCount && Array.IndexOf(SpecialTokens, pair.Key) < 0)
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key);
        if (maxSize is { } limit)
        {
            words = words.Take(limit - SpecialTokens.Length);
        }

        return new Vocabulary([.. SpecialTokens, .. words]);
    }

    /// <summary>Rebuilds a vocabulary from its tokens in id order (e.g. read back from a file).</summary>
    public static Vocabulary FromTokens(IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        for (var i = 0; i < SpecialTokens.Length; i++)
        {
            if (tokens.Count <= i || tokens[i] != SpecialTokens[i])
            {
                throw new EngineException($"vocabulary token {i} must be {SpecialTokens[i]}");
            }
        }

        if (tokens.Distinct(StringComparer.Ordinal).Count() != tokens.Count)
        {
            throw new EngineException("vocabulary tokens must be distinct");
        }

        return new Vocabulary([.. tokens]);
    }

    /// <summary>The id of a token; unknown tokens get <see cref="UnknownId"/>.</summary>
    public int IdOf(string token) => _ids.TryGetValue(token, out var id) ? id : UnknownId;

    public bool Contains(string token) => _ids.ContainsKey(token);

    public string TokenOf(int id)
    {
        if ((uint)id >= (uint)_tokens.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, $"id must be in [0, {_tokens.Length})");
        }

        return _tokens[id];
    }

    public int[] Encode(IReadOnlyList<string> tokens)
    {
        var ids = new int[tokens.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = IdOf(tokens[i]);
        }

        return ids;
    }
}
