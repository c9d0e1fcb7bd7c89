using HyperSweep.Client.Commands;

namespace HyperSweep.Client;

/// <summary>The progress view for a command's output: none (--json, --quiet), a live Spectre table, or plain event lines.</summary>
public static class ProgressViews
{
    /// <param name="context">The command's output settings.</param>
    /// <param name="interval">Time between refreshes of a view that shows something.</param>
    /// <param name="silentInterval">Time between polls of the silent view (it only waits for the end).</param>
    public static IProgressView For(CommandContext context, TimeSpan interval, TimeSpan silentInterval)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Json || context.Quiet ? new SilentProgressView(silentInterval)
            : context.Rich is { } rich ? new SpectreProgressView(rich, interval)
            : new PlainProgressView(context.Out, interval, OnTerminal(context.Out) ? TextTable.MaxWidth : null);
    }

    /// <summary>True when <paramref name="output"/> is stdout on a terminal (a dumb one: a rich one gets Spectre's view).</summary>
    private static bool OnTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
}
