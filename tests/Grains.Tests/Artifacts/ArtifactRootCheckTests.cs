using HyperSweep.Grains.Artifacts;

namespace HyperSweep.Grains.Tests.Artifacts;

public sealed class ArtifactRootCheckTests
{
    [Fact]
    public void A_missing_root_is_named()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Path, "not-mounted");

        var error = Assert.Throws<ArtifactException>(() => ArtifactRootCheck.Check(missing));

        Assert.Contains(missing, error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void The_first_check_writes_the_store_id_and_later_checks_read_the_same()
    {
        using var folder = new TempFolder();

        var first = ArtifactRootCheck.Check(folder.Path);
        var second = ArtifactRootCheck.Check(folder.Path);

        Assert.Equal(first, second);
        Assert.Equal(first, ArtifactRootCheck.ReadMarker(folder.Path));
        Assert.Equal([ArtifactRootCheck.MarkerName], Directory.GetFileSystemEntries(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Two_directories_are_two_stores()
    {
        using var a = new TempFolder();
        using var b = new TempFolder();

        Assert.NotEqual(ArtifactRootCheck.Check(a.Path), ArtifactRootCheck.Check(b.Path));
    }
}
