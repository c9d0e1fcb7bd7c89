using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;

namespace HyperSweep.Silo.Logging;

/// <summary>
/// The one way a HyperSweep silo opens its log file, whoever hosts it (the standalone silo: <see cref="SiloLogging"/>; a
/// dev silo inside the CLI: <c>HyperSweep.Client.Logging.DevSiloLog</c>): every event at Information and above (Warning
/// for Orleans, Microsoft and Polly) with full exception details. The file is shared between processes on one host,
/// rolls at 50 MB, and a folder that cannot be made or a disk that fills costs log lines, never the process.
/// </summary>
public static class LogFile
{
    /// <summary>The line layout of the file (and of a copy, such as the CLI's --verbose).</summary>
    public const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Replaces <paramref name="logging"/>'s providers with the file at <paramref name="path"/> (with
    /// <paramref name="rolling"/> other than Infinite, a pattern Serilog dates) and <paramref name="copy"/>, when given.
    /// The file is opened by the container when the host is built and closed with it: a host never built opens no file.
    /// </summary>
    public static void Replace(ILoggingBuilder logging, string path, RollingInterval rolling, ILogEventSink? copy = null)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information);
        logging.AddFilter("Orleans", Microsoft.Extensions.Logging.LogLevel.Warning);
        logging.AddFilter("Microsoft", Microsoft.Extensions.Logging.LogLevel.Warning);
        logging.AddFilter("Polly", Microsoft.Extensions.Logging.LogLevel.Warning);
        logging.Services.AddSingleton<ILoggerProvider>(_ => new LogFileProvider(Open(path, rolling, copy)));
    }

    private static Logger Open(string path, RollingInterval rolling, ILogEventSink? copy)
    {
        var configuration = new LoggerConfiguration().MinimumLevel.Verbose();
        if (copy is not null)
        {
            configuration = configuration.WriteTo.Sink(copy);
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return configuration
                .WriteTo.File(
                    path,
                    outputTemplate: Template,
                    fileSizeLimitBytes: 50L << 20,
                    rollOnFileSizeLimit: true,
                    rollingInterval: rolling,
                    retainedFileCountLimit: 14,
                    shared: true)
                .CreateLogger();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return configuration.CreateLogger();
        }
    }
}
