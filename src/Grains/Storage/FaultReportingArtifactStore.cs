using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;

namespace HyperSweep.Grains.Storage;

/// <summary>
/// A dev-mode artifact store under the state directory: the checkpoints share the state file's disk, so a write that
/// fails because that disk is full is the state store's fault (<see cref="SqliteFaults.Full"/>, reported once to the
/// silo's <see cref="StateStoreHealth"/>: one line naming the state directory and the space it needs, exit 3) rather than
/// a training failure of the trial that happened to write. Everything else is the inner store's.
/// </summary>
public sealed class FaultReportingArtifactStore(IArtifactStore inner, StateStoreHealth health, string databasePath) : IArtifactStore
{
    public string Location => inner.Location;

    public ArtifactRef Write(string sweepId, int trial, string kind, ReadOnlySpan<byte> content)
    {
        try
        {
            return inner.Write(sweepId, trial, kind, content);
        }
        catch (IOException exception) when (SqliteFaults.Classify(exception, databasePath, content.Length) is { } fault)
        {
            throw new StateStoreException(health.Report(fault), exception);
        }
    }

    public byte[] Read(ArtifactRef artifact) => inner.Read(artifact);

    public byte[] ReadRange(ArtifactRef artifact, long offset, int count) => inner.ReadRange(artifact, offset, count);

    public void Delete(ArtifactRef artifact) => inner.Delete(artifact);

    public IEnumerable<StoredFile> Files() => inner.Files();

    public IEnumerable<StoredFile> Files(string sweepId) => inner.Files(sweepId);

    public void DeleteFile(string path) => inner.DeleteFile(path);
}
