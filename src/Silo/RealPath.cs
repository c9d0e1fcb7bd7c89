using System.Runtime.InteropServices;

namespace HyperSweep.Silo;

/// <summary>Paths with every symlink resolved (libc realpath), and containment in a resolved root.</summary>
public static class RealPath
{
    /// <summary>Whether <paramref name="path"/> is <paramref name="root"/> or inside it (both resolved).</summary>
    public static bool IsUnder(string path, string root) =>
        path == root || path.StartsWith(root.EndsWith('/') ? root : root + "/", StringComparison.Ordinal);

    /// <summary>The path with every symlink resolved; for a path that does not exist, its nearest existing ancestor resolved plus the rest.</summary>
    public static string Of(string fullPath)
    {
        var missing = new Stack<string>();
        var current = fullPath;
        while (true)
        {
            var resolved = Resolve(current);
            if (resolved is not null)
            {
                return missing.Aggregate(resolved, Path.Combine);
            }

            var parent = Path.GetDirectoryName(current);
            if (parent is null)
            {
                return fullPath;
            }

            missing.Push(Path.GetFileName(current));
            current = parent;
        }
    }

    private static string? Resolve(string path)
    {
        var pointer = NativeRealPath(path, IntPtr.Zero);
        if (pointer == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            Free(pointer);
        }
    }

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr NativeRealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
