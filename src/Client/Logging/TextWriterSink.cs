using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace HyperSweep.Client.Logging;

/// <summary>Writes log events to a <see cref="TextWriter"/> (stderr for --verbose, or a test's captured error writer).</summary>
internal sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
