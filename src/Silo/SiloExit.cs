using Microsoft.Extensions.Hosting;

namespace HyperSweep.Silo;

/// <summary>
/// How a running hypersweep-silo ends when something outside it fails for good (its state store filled up, was found
/// corrupt or lost its data): one line on stderr saying what and what to do, a documented exit code, and a clean stop
/// of the host. The first failure wins; later ones are already explained by it.
/// </summary>
public sealed class SiloExit(IHostApplicationLifetime lifetime)
{
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
    }
}
