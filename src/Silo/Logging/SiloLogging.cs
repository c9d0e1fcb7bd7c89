using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Serilog;

namespace HyperSweep.Silo.Logging;

/// <summary>
/// Where a standalone silo (hypersweep-silo) logs: a daily file <c>silo-{host}-{date}.log</c> under <c>{state dir}/logs</c>
/// (<see cref="LogFile"/>), and warnings and errors on stderr, one line each (<see cref="OneLineConsoleFormatter"/>).
/// </summary>
public static class SiloLogging
{
    /// <summary>
    /// Replaces <paramref name="logging"/>'s providers. Returns the file name pattern, for the start-up line that says
    /// where the logs are.
    /// </summary>
    public static string Configure(ILoggingBuilder logging, string stateDir, Microsoft.Extensions.Logging.LogLevel consoleLevel)
    {
        var pattern = Path.Combine(stateDir, "logs", $"silo-{Environment.MachineName}-.log");
        LogFile.Replace(logging, pattern, RollingInterval.Day);
        logging.AddConsole(o =>
        {
            o.FormatterName = OneLineConsoleFormatter.FormatterName;
            o.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace;
        });
        logging.AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
        logging.AddFilter<ConsoleLoggerProvider>(null, consoleLevel);
        return pattern;
    }
}
