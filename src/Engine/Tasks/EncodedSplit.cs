using HyperSweep.Engine.Data;

namespace HyperSweep.Engine.Tasks;

/// <summary>
/// One split (train, dev or test) as vocabulary ids. For classification each example carries its label;
/// for language modelling each example is a sentence ending with <c>&lt;eos&gt;</c> and label -1.
/// </summary>
public sealed class EncodedSplit
{
    public EncodedSplit(string name, IReadOnlyList<EncodedExample> examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0)
        {
            throw new EngineException($"{name}: the split has no examples");
        }

        Name = name;
        Examples = examples;
    }

    /// <summary>"train", "dev" or "test", or the file it came from.</summary>
    public string Name { get; }

    public IReadOnlyList<EncodedExample> Examples { get; }

    public int Count => Examples.Count;

    /// <summary>Total tokens over all examples.</summary>
    public long TokenCount => Examples.Sum(example => (long)example.TokenIds.Length);

    /// <summary>The sentences concatenated into one stream (language models over continuous text).</summary>
    public int[] ToStream() => LanguageModelBatcher.Concatenate(Examples.Select(example => example.TokenIds));
}
