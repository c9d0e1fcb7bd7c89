using HyperSweep.Grains.Planning;
using HyperSweep.Silo;

namespace HyperSweep.Cluster.Tests;

/// <summary>A silo with a data root refuses specs whose data files lie outside it, however the path gets there.</summary>
public sealed class DataRootTests : IDisposable
{
    private readonly DirectoryInfo _top = Directory.CreateTempSubdirectory("hypersweep-dataroot-");

    public DataRootTests()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "train.tsv"), "1\tgood\n");
        File.WriteAllText(Path.Combine(_top.FullName, "secret.tsv"), "1\tsecret\n");
        File.CreateSymbolicLink(Path.Combine(Root, "escape.tsv"), Path.Combine(_top.FullName, "secret.tsv"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "outside"), _top.FullName);
    }

    private string Root => Path.Combine(_top.FullName, "data");

    [Fact]
    public void A_file_under_the_root_is_accepted()
    {
        var plan = Factory().Create(Spec("train.tsv"), SpecFile("train.tsv"));
        Assert.NotNull(plan);
    }

    [Theory]
    [InlineData("../../../../../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("escape.tsv")]
    [InlineData("outside/secret.tsv")]
    public void A_path_leaving_the_root_is_refused_naming_field_and_root(string path)
    {
        // The spec sits in the root (as on a shared file system), so relative paths resolve against the root.
        var exception = Assert.Throws<SweepSpecException>(() => Factory().Create(Spec(path), SpecFile(path)));
        var error = Assert.Single(exception.Errors);
        Assert.Equal("task.data.train", error.Field);
        Assert.Contains("outside this cluster's data root", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _top.Delete(recursive: true);

    private DataRootSweepPlanFactory Factory() => new(new SearchSweepPlanFactory(), Root);

    private string SpecFile(string train)
    {
        var file = Path.Combine(Root, "spec.yaml");
        File.WriteAllText(file, Spec(train));
        return file;
    }

    private static string Spec(string train) => $$"""
        name: confined
        task:
          kind: classification
          data: {source: files, format: tsv, train: "{{train}}", dev: train.tsv}
        objective: {metric: val_accuracy, direction: maximize}
        strategy: {method: random, trials: 1, seed: 1}
        parameters:
          lr: {min: 0.001, max: 0.1, distribution: log_uniform}
        budget: {max_epochs: 1}
        """;
}
