namespace HyperSweep.Client.Train;

/// <summary>A trial file that cannot be used; the message names the file, line:column where known, and the field.</summary>
public sealed class TrialFileException : Exception
{
    public TrialFileException(string message)
        : base(message)
    {
    }

    public TrialFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
