using HyperSweep.Grains.Planning;
using HyperSweep.Grains.Workloads;
using HyperSweep.Silo;

namespace HyperSweep.Cluster.Tests;

/// <summary>A silo with a data root refuses specs whose data files lie outside it, however the path gets there.</summary>
public sealed class DataRootTests : IDisposable
{
    private readonly DirectoryInfo _top = Directory.CreateTempSubdirectory("hypersweep-dataroot-");

    public DataRootTests()
    {
        Directory.CreateDirectory(Root);
        File.WriteAllText(Path.Combine(Root, "train.tsv"), "sentence\tlabel\ngood\t1\nbad\t0\n");
        File.WriteAllText(Path.Combine(_top.FullName, "secret.tsv"), "sentence\tlabel\nsecret\t1\n");
        File.CreateSymbolicLink(Path.Combine(Root, "escape.tsv"), Path.Combine(_top.FullName, "secret.tsv"));
        Directory.CreateSymbolicLink(Path.Combine(Root, "outside"), _top.FullName);
    }

    private string Root => Path.Combine(_top.FullName, "data");

    [Fact]
    public void A_file_under_the_root_is_accepted()
    {
        var plan = Plan("train.tsv");
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
        var exception = Assert.Throws<SweepSpecException>(() => Plan(path));
        var error = Assert.Single(exception.Errors);
        Assert.Equal("task.data.train", error.Field);
        Assert.Contains("outside this cluster's data root", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _top.Delete(recursive: true);

    /// <summary>Plans the spec as a silo with this data root does at submit: confined first, then the data files opened.</summary>
    private SweepPlan Plan(string train) =>
        new SweepPlanner(new DataRootSchemaSource(new WorkloadSchemaSource(new EngineTrialWorkload()), Root))
            .Plan(Spec(train), "spec.yaml", Root, checkData: true);

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
