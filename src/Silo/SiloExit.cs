using Microsoft.Extensions.Hosting;

namespace HyperSweep.Silo;

/// <summary>
/// How a running hypersweep-silo ends when something outside it fails for good (its state store filled up, was found
/// corrupt or lost its data): one line on stderr saying what and what to do, a documented exit code, and a stop of the
/// host bounded by <see cref="StopDeadline"/> — with the store gone there is nothing left to save, and Orleans' graceful
/// leave would wait a minute on a membership table that no longer exists. The first failure wins; later ones are
/// already explained by it.
/// </summary>
public sealed class SiloExit(IHostApplicationLifetime lifetime)
{
    /// <summary>How long a failed silo may take to stop before the process exits anyway.</summary>
    public static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);

    private int _failed;

    /// <summary>The process's exit code: 0 unless <see cref="Fail"/> was called.</summary>
    public int Code { get; private set; }

    public void Fail(int code, string message)
    {
        if (Interlocked.Exchange(ref _failed, 1) != 0)
        {
            return;
        }

        Code = code;
        Console.Error.WriteLine($"hypersweep-silo: {message}");
        lifetime.StopApplication();
        _ = Task.Delay(StopDeadline).ContinueWith(_ => Environment.Exit(code), TaskScheduler.Default);
    }
}
