using System.Diagnostics;

namespace HyperSweep.TestSupport;

/// <summary>
/// Runs a short command the tests need (ip, mount, sbatch, squeue …) to its end and returns its exit code and its
/// stdout followed by its stderr, both read while it runs (a full pipe never blocks it).
/// </summary>
public static class ShortCommand
{
    public static (int Exit, string Output) Run(string file, params string[] arguments) =>
        RunAsync(file, arguments).GetAwaiter().GetResult();

    /// <param name="bound">How long to wait for it (an <see cref="OperationCanceledException"/> after); null: until it ends.</param>
    public static async Task<(int Exit, string Output)> RunAsync(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? bound = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = bound is { } limit ? new CancellationTokenSource(limit) : new CancellationTokenSource();
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output + await error);
    }
}
