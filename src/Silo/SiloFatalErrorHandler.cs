using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HyperSweep.Silo;

/// <summary>
/// What a silo does on an error Orleans deems fatal — above all, learning that the cluster declared it dead (it hung
/// and was fenced off; its trials already run elsewhere): stop at once, as Orleans' default does, so a zombie silo never
/// writes again, but with one line on the console instead of FailFast's stack trace; the details go to the log file.
/// </summary>
public sealed class SiloFatalErrorHandler(ILogger<SiloFatalErrorHandler> logger) : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => true;

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        logger.LogCritical(exception, "Fatal error in {Sender}: {Context}", sender, context);
        var what = exception?.Message ?? context ?? "a fatal error";
        var newline = what.IndexOfAny(['\r', '\n']);
        Console.Error.WriteLine($"hypersweep-silo: stopping at once: {(newline < 0 ? what : what[..newline])} (its trials continue on the other silos; details in the log file)");
        // Like FailFast, nothing more runs: no graceful stop, no drain, no write from a silo the cluster has fenced off.
        Process.GetCurrentProcess().Kill();
    }
}
