using HyperSweep.Contracts.Artifacts;
using HyperSweep.Grains.Artifacts;

namespace HyperSweep.Grains.Tests.Artifacts;

public sealed class FileArtifactStoreTests : IDisposable
{
    private readonly TempFolder _root = new();

    [Fact]
    public void A_written_artifact_reads_back_and_is_named_by_its_content()
    {
        var store = new FileArtifactStore(_root.Path);
        byte[] content = [1, 2, 3, 4, 5];

        var reference = store.Write("sw-1", 3, ArtifactKinds.Checkpoint, content);

        Assert.Equal(content, store.Read(reference));
        Assert.Equal($"sweeps/sw-1/3/{reference.Hash}.ckpt", reference.Path);
        Assert.Equal(5, reference.Length);
        Assert.Equal(reference, store.Write("sw-1", 3, ArtifactKinds.Checkpoint, content)); // same bytes, same file
        Assert.Equal([reference.Path], store.Files().Select(f => f.Path));
        Assert.Equal(("sw-1", 3), store.Files().Single().Owner);
    }

    [Fact]
    public void A_flipped_byte_or_a_truncated_file_is_refused_naming_the_artifact()
    {
        var store = new FileArtifactStore(_root.Path);
        var reference = store.Write("sw-1", 0, ArtifactKinds.Checkpoint, new byte[1000]);
        var path = Path.Combine(_root.Path, reference.Path);
        var bytes = File.ReadAllBytes(path);
        bytes[500] ^= 1;
        File.WriteAllBytes(path, bytes);

        var corrupt = Assert.Throws<ArtifactException>(() => store.Read(reference));
        Assert.Contains("corrupt", corrupt.Message);
        Assert.Contains(reference.Path, corrupt.Message);

        File.WriteAllBytes(path, bytes[..10]);
        Assert.Contains("corrupt", Assert.Throws<ArtifactException>(() => store.Read(reference)).Message);
    }

    [Fact]
    public void A_missing_artifact_is_refused()
    {
        var store = new FileArtifactStore(_root.Path);
        var reference = store.Write("sw-1", 0, ArtifactKinds.Checkpoint, [9]);
        store.Delete(reference);

        Assert.Contains("missing", Assert.Throws<ArtifactException>(() => store.Read(reference)).Message);
        Assert.Empty(store.Files());
        store.Delete(reference); // deleting twice is fine
    }

    [Fact]
    public void A_reference_cannot_leave_the_root_and_names_must_be_plain()
    {
        var store = new FileArtifactStore(_root.Path);

        Assert.Throws<ArtifactException>(() => store.Read(new ArtifactRef("../../etc/passwd", "00", 1)));
        Assert.Throws<ArgumentException>(() => store.Write("../x", 0, ArtifactKinds.Checkpoint, [1]));
        Assert.Throws<ArgumentException>(() => store.Write("..", 0, ArtifactKinds.Checkpoint, [1]));
    }

    [Fact]
    public void A_write_leaves_no_temporary_file_and_chunks_read_any_range()
    {
        var store = new FileArtifactStore(_root.Path);
        var content = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var reference = store.Write("sw-2", 1, ArtifactKinds.Model, content);

        Assert.DoesNotContain(store.Files(), f => f.IsTemporary);
        Assert.Equal(content[100..150], store.ReadRange(reference, 100, 50));
        Assert.Equal(content[290..], store.ReadRange(reference, 290, 50));
        Assert.Empty(store.ReadRange(reference, 300, 50));
    }

    public void Dispose() => _root.Dispose();
}
