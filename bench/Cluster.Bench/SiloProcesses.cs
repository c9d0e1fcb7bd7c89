using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace HyperSweep.Cluster.Bench;

/// <summary>
/// The silo processes deploy/local-cluster.sh started (their PIDs come in HYPERSWEEP_LOCAL_PIDS): found by silo port,
/// signalled by PID, and — for the soak — started again with the exact command line and environment a killed one had
/// (read from /proc before the kill). Only processes of this cluster are ever signalled.
/// </summary>
internal sealed class SiloProcesses(IEnumerable<int> pids)
{
    public const int Kill = 9;
    public const int Continue = 18;
    public const int Stop = 19;

    private readonly List<int> _pids = [.. pids];
    private readonly List<Process> _restarted = [];

    /// <summary>The PID of the silo listening on <paramref name="siloPort"/>.</summary>
    public int PidOf(int siloPort) =>
        _pids.FirstOrDefault(pid => Arguments(pid) is { } args && args.SkipWhile(a => a != "--silo-port").Skip(1).FirstOrDefault() == siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
        is var found and > 0 ? found : throw new InvalidOperationException($"no silo of this cluster listens on port {siloPort}");

    public static void Signal(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>kill -9 of <paramref name="pid"/>, then the same silo started again (same arguments, ports and environment); returns the new PID.</summary>
    public int KillAndRestart(int pid, string logFile)
    {
        var arguments = Arguments(pid) ?? throw new InvalidOperationException($"process {pid} is gone");
        var environment = Environment(pid);
        Signal(pid, Kill);
        while (File.Exists($"/proc/{pid}/cmdline") && Arguments(pid) is not null)
        {
            Thread.Sleep(20); // until the kernel has torn it down and freed its ports
        }

        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$@\" >>" + Quote(logFile) + " 2>&1");
        info.ArgumentList.Add("silo");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        _restarted.Add(process);
        _pids.Remove(pid);
        _pids.Add(process.Id);
        return process.Id;
    }

    /// <summary>Stops the silos this benchmark started (SIGTERM, then SIGKILL); local-cluster.sh stops its own.</summary>
    public void StopRestarted()
    {
        foreach (var process in _restarted.Where(p => !p.HasExited))
        {
            SendSignal(process.Id, 15);
            if (!process.WaitForExit(30_000))
            {
                process.Kill();
            }
        }
    }

    /// <summary>Resident memory of <paramref name="pid"/> in MB, or null when it is gone.</summary>
    public static double? ResidentMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public IReadOnlyList<int> Pids => _pids;

    private static string[]? Arguments(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/cmdline");
            return text.Length == 0 ? null : text.TrimEnd('\0').Split('\0');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Environment(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ", Encoding.UTF8).Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
