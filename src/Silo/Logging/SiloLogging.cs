using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Serilog;
using Serilog.Events;

namespace HyperSweep.Silo.Logging;

/// <summary>
/// Where a HyperSweep process logs: every event at Information and above (Warning for Orleans and Microsoft) with full
/// exception details to a daily file <c>{name}-{host}-{date}.log</c> under <c>{state dir}/logs</c>, and optionally
/// warnings and errors to stderr, one line each (<see cref="OneLineConsoleFormatter"/>). The file sink shares the file
/// between processes on one host and swallows its own I/O errors, so a full disk costs log lines, never a crash.
/// </summary>
public static class SiloLogging
{
    /// <summary>The folder the log files go to.</summary>
    public static string Directory(string stateDir) => Path.Combine(stateDir, "logs");

    /// <summary>
    /// Replaces <paramref name="logging"/>'s providers. <paramref name="consoleLevel"/> null: nothing on the console (the CLI
    /// prints its own messages). Returns the file name pattern, for the start-up line that says where the logs are.
    /// </summary>
    public static string Configure(ILoggingBuilder logging, string stateDir, string name, Microsoft.Extensions.Logging.LogLevel? consoleLevel)
    {
        var pattern = Path.Combine(Directory(stateDir), $"{name}-{Environment.MachineName}-.log");
        logging.ClearProviders();
        logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information);
        logging.AddFilter("Orleans", Microsoft.Extensions.Logging.LogLevel.Warning);
        logging.AddFilter("Microsoft", Microsoft.Extensions.Logging.LogLevel.Warning);
        // Opened by the container (a factory) when the host is built, and closed with it: a host never built opens no file.
        logging.Services.AddSingleton<ILoggerProvider>(_ => new LogFileProvider(OpenFile(pattern)));
        if (consoleLevel is { } level)
        {
            logging.AddConsole(o =>
            {
                o.FormatterName = OneLineConsoleFormatter.FormatterName;
                o.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace;
            });
            logging.AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
            logging.AddFilter<ConsoleLoggerProvider>(null, level);
        }

        return pattern;
    }

    /// <summary>The file logger; one that logs nowhere when the folder cannot be made (a full or read-only disk): logs never stop a silo.</summary>
    private static Serilog.Core.Logger OpenFile(string pattern)
    {
        try
        {
            return FileLogger(pattern);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new LoggerConfiguration().CreateLogger();
        }
    }

    private static Serilog.Core.Logger FileLogger(string pattern) =>
        new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(
                pattern,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} (pid " + Environment.ProcessId + "): {Message:lj}{NewLine}{Exception}",
                restrictedToMinimumLevel: LogEventLevel.Verbose,
                fileSizeLimitBytes: 100L << 20,
                rollOnFileSizeLimit: true,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                shared: true)
            .CreateLogger();
}
