using HyperSweep.Contracts.Artifacts;

namespace HyperSweep.Grains.Artifacts;

/// <summary>
/// Where checkpoints and kept models live (docs/ARTIFACTS.md): bytes in, a checked reference out. Grain state (SQLite,
/// Redis) keeps only the <see cref="ArtifactRef"/>; the bytes stay here. Writes are atomic (a reader never sees half a
/// file) and durable once they return; every read checks the content against the reference, so a corrupt or missing
/// file is an <see cref="ArtifactException"/>, never different bytes. Synchronous: callers are training threads or
/// thread-pool work, and deletes are quick.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Where the store is (its root directory), for messages.</summary>
    string Location { get; }

    /// <summary>Stores <paramref name="content"/> as an artifact of trial <paramref name="trial"/> of sweep <paramref name="sweepId"/>.</summary>
    /// <param name="kind">What it is, as the file extension: <see cref="ArtifactKinds.Checkpoint"/> or <see cref="ArtifactKinds.Model"/>.</param>
    ArtifactRef Write(string sweepId, int trial, string kind, ReadOnlySpan<byte> content);

    /// <summary>The artifact's bytes, checked against its length and hash.</summary>
    byte[] Read(ArtifactRef artifact);

    /// <summary>Up to <paramref name="count"/> bytes from <paramref name="offset"/>, unchecked (the reader checks the whole).</summary>
    byte[] ReadRange(ArtifactRef artifact, long offset, int count);

    /// <summary>Deletes the artifact; a missing one is fine.</summary>
    void Delete(ArtifactRef artifact);

    /// <summary>Every file in the store, for the garbage collector.</summary>
    IEnumerable<StoredFile> Files();

    /// <summary>The files of one sweep (<c>sweeps/{sweep}/…</c>), for its end-of-sweep collection.</summary>
    IEnumerable<StoredFile> Files(string sweepId);

    /// <summary>Deletes a file found by <see cref="Files"/>.</summary>
    void DeleteFile(string path);
}
