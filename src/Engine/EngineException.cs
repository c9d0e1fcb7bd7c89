namespace HyperSweep.Engine;

/// <summary>
/// An error the engine detected: a bad shape, a bad hyper-parameter, a malformed data or weight file.
/// The message always names what is wrong and where (op and shapes, parameter name, file:line).
/// </summary>
public sealed class EngineException : Exception
{
    public EngineException(string message)
        : base(message)
    {
    }

    public EngineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
