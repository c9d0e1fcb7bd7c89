using HyperSweep.Grains.Storage;
using Spectre.Console;

namespace HyperSweep.Client.Commands;

/// <summary>
/// What a command body gets: the connected grains, how to print (JSON, quiet, rich terminal or plain lines) and, in dev
/// mode, the dev silo's log file (where the details of failures are).
/// </summary>
public sealed record CommandContext(IGrainFactory Grains, TextWriter Out, TextWriter Error, bool Json, bool Quiet, IAnsiConsole? Rich, string? LogFile = null)
{
    /// <summary>The state store's fault when this process hosts the silo and its store failed (a full disk); null otherwise.</summary>
    public Func<StateStoreFault?> StoreFault { get; init; } = () => null;

    /// <summary>
    /// On a cluster: why grain calls fail when that is Redis having lost the cluster's data (one line), else null; itself
    /// null where nothing can tell (dev mode, a cluster reached through its gateways).
    /// </summary>
    public Func<Task<string?>>? ExplainFailure { get; init; }

    /// <summary>
    /// A Spectre console when <paramref name="output"/> is the real stdout on a real terminal; null (plain lines, no
    /// colour codes) when it is redirected, TERM is unset or dumb, or the output is captured (tests).
    /// </summary>
    public static IAnsiConsole? RichConsoleFor(TextWriter output, bool json)
    {
        var term = Environment.GetEnvironmentVariable("TERM");
        var isConsole = ReferenceEquals(output, Console.Out);
        return !json && isConsole && !Console.IsOutputRedirected && term is not (null or "" or "dumb") && Environment.GetEnvironmentVariable("NO_COLOR") is null
            ? AnsiConsole.Console
            : null;
    }
}
