namespace HyperSweep.Engine.Data;

/// <summary>
/// Whitespace tokenizer. The course data (SST, PTB, Linzen) is already PTB-tokenised, so splitting on
/// whitespace is the tokenisation the original experiments used; lower-casing is optional because
/// SST and PTB are lower-cased already but user data may not be.
/// </summary>
public sealed class Tokenizer
{
    public Tokenizer(bool lowercase = false)
    {
        Lowercase = lowercase;
    }

    public bool Lowercase { get; }

    /// <summary>Splits on any run of whitespace; leading and trailing whitespace yield no tokens.</summary>
    public string[] Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (Lowercase)
        {
            for (var i = 0; i < tokens.Length; i++)
            {
                tokens[i] = tokens[i].ToLowerInvariant();
            }
        }

        return tokens;
    }
}
