namespace HyperSweep.Client.Cli;

/// <summary>An exception's message as one line for a person: no "(Parameter 'x')" suffix, no second line.</summary>
public static class ErrorText
{
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
        }

        return FirstLine(message);
    }

    /// <summary>The first line of <paramref name="text"/> (trimmed).</summary>
    public static string FirstLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var newline = text.IndexOfAny(['\r', '\n']);
        return (newline < 0 ? text : text[..newline]).Trim();
    }
}
