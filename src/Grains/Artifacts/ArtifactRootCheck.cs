using System.Text.Json;

namespace HyperSweep.Grains.Artifacts;

/// <summary>
/// What a silo checks about its artifact root before it starts: that it exists and is a directory, that this process
/// can write, fsync, rename and delete a file there, and which store it is. The store's identity is a marker file,
/// <see cref="MarkerName"/>, holding a random id, written once by the first silo that finds none (atomically: created
/// under a temporary name and linked into place only if no marker exists yet). On a cluster every silo then compares
/// the id it reads with the one the cluster recorded (hypersweep-silo keeps it in Redis): a node that mounts another
/// filesystem at the same path reads another id, or none, and refuses to start, instead of writing checkpoints that
/// no other node can see.
/// </summary>
public static class ArtifactRootCheck
{
    public const string MarkerName = ".hypersweep-artifacts";

    /// <summary>Checks the root and returns the store's id (creating the marker if this is a new store).</summary>
    /// <exception cref="ArtifactException">The root is missing, not writable, or its marker is unreadable; the message says which.</exception>
    public static string Check(string root) => ReadOrCreateMarker(Probe(root));

    /// <summary>
    /// Checks the root as <see cref="Check"/> does but writes no marker (an existing one must be readable): for a cluster
    /// silo, whose preflight creates the marker only once it knows which store the cluster records, so that a node
    /// refused for mounting another filesystem leaves nothing behind. Returns the full path.
    /// </summary>
    /// <exception cref="ArtifactException">The root is missing, not writable, or its marker is unreadable.</exception>
    public static string CheckWritable(string root)
    {
        var full = Probe(root);
        _ = ReadMarker(full);
        return full;
    }

    /// <summary>The root exists and this process can write there; returns its full path.</summary>
    private static string Probe(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new ArtifactException($"artifact store {full}: directory not found (create it, on a filesystem every node mounts at this path)");
        }

        ProbeWrite(full);
        return full;
    }

    /// <summary>The id in the root's marker, or null when there is none.</summary>
    public static string? ReadMarker(string root)
    {
        var path = Path.Combine(Path.GetFullPath(root), MarkerName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.GetProperty("store_id").GetString()
                ?? throw new ArtifactException($"artifact store {root}: marker {MarkerName} has no store_id");
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ArtifactException($"artifact store {root}: marker {MarkerName} is not readable ({exception.Message}); if the directory is the store, restore or delete the marker", exception);
        }
    }

    private static void ProbeWrite(string root)
    {
        var probe = Path.Combine(root, $".probe-{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            using (var stream = new FileStream(probe + ".tmp", FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write("probe"u8);
                stream.Flush(flushToDisk: true);
            }

            File.Move(probe + ".tmp", probe);
            DirectorySync.Flush(root);
            if (File.ReadAllText(probe) != "probe")
            {
                throw new IOException("a file written there reads back differently");
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ArtifactException($"artifact store {root}: not writable by this process ({exception.Message})", exception);
        }
        finally
        {
            File.Delete(probe + ".tmp");
            File.Delete(probe);
        }
    }

    private static string ReadOrCreateMarker(string root)
    {
        if (ReadMarker(root) is { } existing)
        {
            return existing;
        }

        var id = Guid.NewGuid().ToString("N");
        var temporary = Path.Combine(root, $"{MarkerName}.tmp-{Guid.NewGuid():N}");
        var marker = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["store_id"] = id,
            ["created_by"] = $"{Environment.MachineName} pid {Environment.ProcessId}",
            ["created_at"] = DateTimeOffset.UtcNow.ToString("O"),
        });
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(marker);
            stream.Flush(flushToDisk: true);
        }

        try
        {
            // No overwrite: when two silos start at once on a new store, one rename wins and both read its id.
            File.Move(temporary, Path.Combine(root, MarkerName), overwrite: false);
            DirectorySync.Flush(root);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }

        return ReadMarker(root) ?? throw new ArtifactException($"artifact store {root}: marker {MarkerName} vanished while it was created");
    }
}
