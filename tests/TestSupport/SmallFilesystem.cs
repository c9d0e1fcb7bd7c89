using System.Globalization;

namespace HyperSweep.TestSupport;

/// <summary>
/// A size-limited file system for one test (a tmpfs of a given size mounted on a fresh temporary folder; mounting needs
/// root, as CI runs), so a full disk is a state the test makes rather than one it hopes for. <see cref="Fill"/> leaves a
/// chosen amount free; <see cref="Free"/> gives the space back. Unmounted and removed on dispose.
/// </summary>
public sealed class SmallFilesystem : IDisposable
{
    private readonly string _filler;

    private SmallFilesystem(string path)
    {
        Path = path;
        _filler = System.IO.Path.Combine(path, "filler");
    }

    public string Path { get; }

    /// <summary>Bytes free on the file system now.</summary>
    public long FreeBytes => new DriveInfo(Path).AvailableFreeSpace;

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> bytes; fails the test naming the reason when it cannot.</summary>
    public static SmallFilesystem Mount(long bytes)
    {
        var path = Directory.CreateTempSubdirectory("hypersweep-small-fs-").FullName;
        var (exit, output) = Run("mount", "-t", "tmpfs", "-o", string.Create(CultureInfo.InvariantCulture, $"size={bytes}"), "hypersweep-test", path);
        if (exit != 0)
        {
            Directory.Delete(path);
            Assert.Fail($"cannot mount a {bytes}-byte tmpfs on {path} (the full-disk tests need root, as in CI): {output}");
        }

        return new SmallFilesystem(path);
    }

    /// <summary>Writes a filler file so that about <paramref name="leaveFree"/> bytes stay free.</summary>
    public void Fill(long leaveFree)
    {
        var chunk = new byte[64 * 1024];
        using var file = new FileStream(_filler, FileMode.Append, FileAccess.Write);
        while (FreeBytes - chunk.Length >= leaveFree)
        {
            file.Write(chunk);
            file.Flush();
        }
    }

    /// <summary>Deletes the filler: the space is back.</summary>
    public void Free() => File.Delete(_filler);

    public void Dispose()
    {
        if (Run("umount", Path).Exit != 0)
        {
            Run("umount", "-l", Path); // a process the test stopped may still hold a file for a moment
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Lazily unmounted: the empty folder goes with the temp directory.
        }
    }

    private static (int Exit, string Output) Run(string file, params string[] arguments)
    {
        var (exit, output) = ShortCommand.Run(file, arguments);
        return (exit, output.Trim());
    }
}
