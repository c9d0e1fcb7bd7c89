namespace HyperSweep.Grains.Artifacts;

/// <summary>A file in the store: its path relative to the root (<c>sweeps/{sweep}/{trial}/{hash}.{kind}</c>), its size and age.</summary>
public sealed record StoredFile(string Path, long Length, DateTime LastWriteUtc)
{
    /// <summary>The sweep and trial its path names, or null for a file outside that layout (a temporary file is inside it).</summary>
    public (string SweepId, int Trial)? Owner
    {
        get
        {
            var parts = Path.Split('/');
            return parts.Length == 4 && parts[0] == "sweeps" && int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var trial)
                ? (parts[1], trial)
                : null;
        }
    }

    /// <summary>A temporary file of a write that never finished (the writer died before its rename).</summary>
    public bool IsTemporary => Path.Contains(".tmp-", StringComparison.Ordinal);
}
