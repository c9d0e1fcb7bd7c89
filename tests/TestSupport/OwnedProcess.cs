using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace HyperSweep.TestSupport;

/// <summary>
/// A child process started by a test (a silo, the CLI, Redis, Prometheus): its output kept line by line for
/// assertions and failure messages, ended only by its own PID (SIGTERM for a clean stop, SIGKILL for a crash).
/// </summary>
public sealed class OwnedProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OwnedProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Standard output, one entry a line, in order.</summary>
    public ConcurrentQueue<string> Stdout { get; } = new();

    /// <summary>Standard error, one entry a line, in order.</summary>
    public ConcurrentQueue<string> Stderr { get; } = new();

    /// <summary>Both streams interleaved as the lines arrived.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static OwnedProcess Start(string name, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var owned = new OwnedProcess(process, name);
        process.OutputDataReceived += (_, e) => owned.Append(owned.Stdout, e.Data);
        process.ErrorDataReceived += (_, e) => owned.Append(owned.Stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return owned;
    }

    /// <summary>SIGTERM, then waits for the exit (SIGKILL after <paramref name="grace"/>).</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        Signals.Send(Pid, Signals.Term);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    /// <summary>SIGKILL (kill -9), then waits for the exit.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            Signals.Send(Pid, Signals.Kill);
        }

        await _process.WaitForExitAsync();
    }

    public Task WaitForExitAsync(CancellationToken cancellation) => _process.WaitForExitAsync(cancellation);

    /// <summary>Waits for the process to end by itself and returns its exit code; fails the test after <paramref name="deadline"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{Name} did not exit within {deadline.TotalSeconds:0} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Signals.Send(Pid, Signals.Kill);
            _process.WaitForExit(5_000);
        }

        _process.Dispose();
    }

    private void Append(ConcurrentQueue<string> stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            stream.Enqueue(line);
            _output.AppendLine(line);
        }
    }
}
