using HyperSweep.Silo.Logging;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Formatting.Display;

namespace HyperSweep.Client.Logging;

/// <summary>
/// Where a dev silo hosted by the CLI (<c>run</c>, <c>serve</c>, the read commands, <c>dashboard</c>) logs: the silo's log
/// file (<see cref="LogFile"/>) at <see cref="PathFor"/> — <c>&lt;state dir&gt;/logs/silo.log</c> — and nothing to the
/// console, whose lines belong to the command (a failed trial is one line of the progress view, its exception is in the
/// file). <c>--verbose</c> copies the log to stderr.
/// <para>
/// The hook for other parts of the host (state-store faults, preemption): <see cref="Configure"/> is the one call that
/// sets a dev silo's logging; anything that wants its events in the same file logs through the host's
/// <see cref="ILogger{T}"/> as usual, and anything that needs the file's location asks <see cref="PathFor"/>.
/// </para>
/// </summary>
public static class DevSiloLog
{
    /// <summary>The log file of the dev silos on <paramref name="stateDir"/>.</summary>
    public static string PathFor(string stateDir) => Path.Combine(stateDir, "logs", "silo.log");

    /// <summary>
    /// Replaces <paramref name="logging"/>'s providers with the log file (and <paramref name="verbose"/>, when given, for
    /// --verbose).
    /// </summary>
    public static void Configure(ILoggingBuilder logging, string stateDir, TextWriter? verbose)
    {
        var copy = verbose is null ? null : new TextWriterSink(verbose, new MessageTemplateTextFormatter(LogFile.Template));
        LogFile.Replace(logging, PathFor(stateDir), RollingInterval.Infinite, copy);
    }
}
