using System.IO.Hashing;
using System.Text.RegularExpressions;
using HyperSweep.Contracts.Artifacts;

namespace HyperSweep.Grains.Artifacts;

/// <summary>
/// The artifact store on a directory: the state directory in dev mode, a shared filesystem on clusters (every silo
/// mounts the same root, so a trial resumes on any node). Content-addressed: a file is named by the XxHash128 of its
/// bytes under <c>sweeps/{sweep}/{trial}/</c>, so writing the same bytes twice (a resumed attempt re-saving an epoch)
/// costs nothing and a reference can never point at other content. A write goes to a temporary file in the same
/// directory, is fsynced, renamed into place and the directory fsynced: a crash leaves either the whole file or a
/// temporary one (which <c>hypersweep gc</c> removes), and a write that returned survives a power loss.
/// </summary>
public sealed partial class FileArtifactStore : IArtifactStore
{
    private readonly string _root;

    public FileArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        _root = Path.GetFullPath(root);
    }

    public string Location => _root;

    public ArtifactRef Write(string sweepId, int trial, string kind, ReadOnlySpan<byte> content)
    {
        if (!SafeName().IsMatch(sweepId) || sweepId is "." or ".." || trial < 0 || !SafeName().IsMatch(kind))
        {
            throw new ArgumentException($"no artifact path for sweep '{sweepId}', trial {trial}, kind '{kind}'");
        }

        var hash = Convert.ToHexStringLower(XxHash128.Hash(content));
        var reference = new ArtifactRef($"sweeps/{sweepId}/{trial}/{hash}.{kind}", hash, content.Length);
        var path = FullPath(reference.Path);
        if (File.Exists(path) && new FileInfo(path).Length == content.Length)
        {
            return reference;
        }

        var directory = Path.GetDirectoryName(path)!;
        CreateDirectoryDurably(directory);
        var temporary = $"{path}.tmp-{Guid.NewGuid():N}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        DirectorySync.Flush(directory);
        return reference;
    }

    public byte[] Read(ArtifactRef artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(FullPath(artifact.Path));
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArtifactException($"{artifact.Path} is missing from the artifact store at {_root}", exception);
        }

        if (bytes.Length != artifact.Length)
        {
            throw new ArtifactException($"{artifact.Path} in {_root} is corrupt: {bytes.Length} bytes, its reference says {artifact.Length}");
        }

        var hash = Convert.ToHexStringLower(XxHash128.Hash(bytes));
        return hash == artifact.Hash
            ? bytes
            : throw new ArtifactException($"{artifact.Path} in {_root} is corrupt: its content hashes to {hash}, its reference says {artifact.Hash}");
    }

    public byte[] ReadRange(ArtifactRef artifact, long offset, int count)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        try
        {
            using var stream = new FileStream(FullPath(artifact.Path), FileMode.Open, FileAccess.Read, FileShare.Read);
            stream.Position = Math.Min(offset, stream.Length);
            var buffer = new byte[(int)Math.Min(count, stream.Length - stream.Position)];
            stream.ReadExactly(buffer);
            return buffer;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ArtifactException($"{artifact.Path} is missing from the artifact store at {_root}", exception);
        }
    }

    public void Delete(ArtifactRef artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        DeleteFile(artifact.Path);
    }

    public IEnumerable<StoredFile> Files() => FilesUnder(Path.Combine(_root, "sweeps"));

    public IEnumerable<StoredFile> Files(string sweepId) =>
        SafeName().IsMatch(sweepId) && sweepId is not ("." or "..") ? FilesUnder(Path.Combine(_root, "sweeps", sweepId)) : [];

    private IEnumerable<StoredFile> FilesUnder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            yield return new StoredFile(Path.GetRelativePath(_root, file.FullName).Replace('\\', '/'), file.Length, file.LastWriteTimeUtc);
        }
    }

    public void DeleteFile(string path)
    {
        var full = FullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            return;
        }

        File.Delete(full);
        // An emptied trial folder goes too (a sweep's folder stays: it is cheap and its trials may write again).
        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                // A write raced the delete and put a file back: the folder is in use again.
            }
        }
    }

    /// <summary>The absolute path of a relative one, refusing anything that would leave the root.</summary>
    private string FullPath(string relative)
    {
        var full = Path.GetFullPath(Path.Combine(_root, relative));
        return full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArtifactException($"'{relative}' is not a path inside the artifact store");
    }

    /// <summary>Creates the folder and flushes each parent whose entries changed, so the new file's path is durable too.</summary>
    private static void CreateDirectoryDurably(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        var parent = Path.GetDirectoryName(directory)!;
        CreateDirectoryDurably(parent);
        Directory.CreateDirectory(directory);
        DirectorySync.Flush(parent);
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$")]
    private static partial Regex SafeName();
}
