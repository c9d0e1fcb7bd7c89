namespace HyperSweep.Silo.Telemetry;

/// <summary>Where the console exporters write: stderr (never stdout, which belongs to the CLI's display and --json) or a file.</summary>
internal static class TextExporterTarget
{
    public static TextWriter Open(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return System.Console.Error;
        }

        var full = Path.GetFullPath(HyperSweepSiloOptions.ExpandHome(path));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return TextWriter.Synchronized(new StreamWriter(new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true });
    }
}
