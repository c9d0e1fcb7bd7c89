using System.Runtime.InteropServices;

namespace HyperSweep.TestSupport;

/// <summary>POSIX signals to processes the tests started (by PID): SIGTERM for a clean stop, SIGKILL for a crash.</summary>
public static class Signals
{
    public const int Term = 15;
    public const int Kill = 9;

    public static void Send(int pid, int signal)
    {
        if (SendSignal(pid, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != 3) // ESRCH: already gone
            {
                throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {errno}");
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
