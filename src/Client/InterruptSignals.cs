using System.Runtime.InteropServices;

namespace HyperSweep.Client;

/// <summary>
/// Ctrl-C and SIGTERM for a command that shuts down cleanly: the first signal cancels <see cref="Token"/> and is
/// swallowed so the command can pause its sweep and stop its silo; a second one is left to the runtime (immediate
/// exit), so a user is never stuck behind a slow shutdown.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource _interrupted = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public InterruptSignals()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _interrupted.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _interrupted.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = !_interrupted.IsCancellationRequested;
        _interrupted.Cancel();
    }
}
