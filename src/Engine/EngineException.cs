namespace HyperSweep.Engine;

/// <summary>
/// An error the engine detected: a bad shape, a bad hyper-parameter, a malformed data or weight file.
/// The message always names what is wrong and where (op and shapes, parameter name, file:line).
/// Not sealed: <see cref="Schema.SchemaException"/> is the kind that also carries the field apart from the problem.
/// </summary>
public class EngineException : Exception
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
