namespace HyperSweep.Engine.Tasks;

/// <summary>What a trial learns: <c>classification</c> (one label per sentence) or <c>language_model</c> (next token).</summary>
public enum TaskKind
{
    Classification,
    LanguageModel,
}
