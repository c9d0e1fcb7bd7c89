using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;

namespace HyperSweep.Silo.Logging;

/// <summary>
/// The log file's provider: Serilog's, except that closing the file never throws. On a full disk the file sink drops
/// events quietly while the process runs, but its final flush on dispose would throw an IOException out of the host's
/// Dispose, turning "the disk is full" into a crash with a stack trace.
/// </summary>
internal sealed class LogFileProvider(Serilog.Core.Logger file) : ILoggerProvider
{
    private readonly SerilogLoggerProvider _inner = new(file, dispose: false);

    public ILogger CreateLogger(string categoryName) => _inner.CreateLogger(categoryName);

    public void Dispose()
    {
        _inner.Dispose();
        try
        {
            file.Dispose();
        }
        catch (IOException)
        {
            // The last lines could not be written (a full or vanished disk); nothing else depends on them.
        }
    }
}
