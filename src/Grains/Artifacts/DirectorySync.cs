using System.Runtime.InteropServices;

namespace HyperSweep.Grains.Artifacts;

/// <summary>
/// fsync of a directory, so a file just renamed into it (or a directory just created in it) survives a power loss. .NET
/// has no API for it (opening a directory as a file throws), so on Linux this calls open(O_DIRECTORY) and fsync from
/// libc; elsewhere it does nothing (the dev-mode laptop case, where the rename alone is atomic).
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnlyDirectory);
        if (descriptor < 0)
        {
            throw new IOException($"cannot open directory {directory} to flush it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int descriptor);
}
