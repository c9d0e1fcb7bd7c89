using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Display;

namespace HyperSweep.Client.Logging;

/// <summary>
/// Where a dev silo hosted by the CLI (<c>run</c>, <c>serve</c>, the read commands, <c>dashboard</c>) logs: everything at
/// Information and above (Warning for Orleans, Microsoft and Polly), stack traces included, to <see cref="PathFor"/> —
/// <c>&lt;state dir&gt;/logs/silo.log</c> — and nothing to the console, whose lines belong to the command (a failed trial
/// is one line of the progress view, its exception is in the file). <c>--verbose</c> copies the log to stderr.
/// <para>
/// The hook for other parts of the host (state-store faults, preemption): <see cref="Configure"/> is the one call that
/// sets a dev silo's logging; anything that wants its events in the same file logs through the host's
/// <see cref="ILogger{T}"/> as usual, and anything that needs the file's location asks <see cref="PathFor"/>.
/// </para>
/// </summary>
public static class DevSiloLog
{
    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>The log file of the dev silos on <paramref name="stateDir"/>.</summary>
    public static string PathFor(string stateDir) => Path.Combine(stateDir, "logs", "silo.log");

    /// <summary>
    /// Replaces <paramref name="logging"/>'s providers with the log file (and <paramref name="verbose"/>, when given, for
    /// --verbose). The file is opened when the host is built and closed with it; a folder that cannot be made (a read-only
    /// or full disk) costs the log, never the command.
    /// </summary>
    public static void Configure(ILoggingBuilder logging, string stateDir, TextWriter? verbose)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information);
        logging.AddFilter("Orleans", Microsoft.Extensions.Logging.LogLevel.Warning);
        logging.AddFilter("Microsoft", Microsoft.Extensions.Logging.LogLevel.Warning);
        logging.AddFilter("Polly", Microsoft.Extensions.Logging.LogLevel.Warning);
        logging.Services.AddSingleton<ILoggerProvider>(_ => new SerilogLoggerProvider(Open(PathFor(stateDir), verbose), dispose: true));
    }

    private static Serilog.Core.Logger Open(string path, TextWriter? verbose)
    {
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
        if (verbose is not null)
        {
            configuration = configuration.WriteTo.Sink(new TextWriterSink(verbose, new MessageTemplateTextFormatter(Template)));
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return configuration
                .WriteTo.File(path, outputTemplate: Template, fileSizeLimitBytes: 50L << 20, rollOnFileSizeLimit: true, retainedFileCountLimit: 5, shared: true)
                .CreateLogger();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return configuration.CreateLogger();
        }
    }
}
