namespace HyperSweep.Engine.Tasks;

/// <summary>
/// <c>source: files</c>. Paths are as written in the spec; <see cref="TaskData.Build"/> resolves them
/// against a base directory. For <c>sst5</c> a path is the reviews file or the common prefix
/// (<c>data/sst5-ling574/train</c>).
/// </summary>
/// <param name="MinCount">Words seen fewer times in train map to &lt;unk&gt; [min_count].</param>
/// <param name="MaxVocab">Upper bound on the vocabulary size including special tokens [max_vocab].</param>
public sealed record FileDataSpec(
    DataFormat Format,
    string Train,
    string Dev,
    string? Test = null,
    bool Lowercase = false,
    int MinCount = 1,
    int? MaxVocab = null) : TaskDataSpec;
