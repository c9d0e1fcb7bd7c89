using System.Diagnostics;
using System.Runtime.InteropServices;

namespace HyperSweep.Search.Bench;

/// <summary>
/// CPU time of the calling thread (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>; the process's CPU time elsewhere). On a
/// shared machine the wall clock also counts the time other processes held the core; this does not.
/// </summary>
internal static class ThreadClock
{
    private const int ThreadCpuTime = 3;

    public static double Milliseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuTime, out var spec) == 0)
        {
            return spec.Seconds * 1e3 + spec.Nanoseconds / 1e6;
        }
        return Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec spec);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
