using HyperSweep.Engine.Schema;
using HyperSweep.Search.Pruning;
using HyperSweep.Search.Sampling;
using HyperSweep.Search.Spaces;
using HyperSweep.Search.Spec;

namespace HyperSweep.Search.Tests.Spec;

public sealed class SweepSpecParserTests
{
    private static string ExamplesDirectory => Path.Combine(RepositoryPaths.Root, "examples");

    private static SweepSpec Parse(string yaml) => SweepSpecParser.Parse(yaml, "<spec>", EngineSchema.Instance);

    /// <summary>An example's text, checked against the schema without opening its data files (they need ../shared).</summary>
    private static SweepSpec Example(string file) =>
        SweepSpecParser.Parse(File.ReadAllText(Path.Combine(ExamplesDirectory, file)), file, EngineSchema.Instance);

    private static IReadOnlyDictionary<string, object?> Data(SweepSpec spec) => (IReadOnlyDictionary<string, object?>)spec.Task.Section["data"]!;

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(ExamplesDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryExampleParsesAndBuildsItsSamplerAndPruner(string file)
    {
        var spec = Example(file);

        Assert.Equal(Path.GetFileNameWithoutExtension(file), spec.Name);
        var sampler = spec.CreateSampler();
        Assert.True(spec.TrialCount(sampler) >= 1);
        Assert.NotNull(spec.CreatePruner());
        var first = new SearchSession(spec.Name, spec.Objective.Direction, sampler, spec.CreatePruner()).Propose(0);
        var merged = spec.HyperParametersFor(first);
        Assert.All(first, p => Assert.Equal(p.Value, merged[p.Key]));
    }

    [Fact]
    public void QuickstartIsASixteenTrialGridWithCellOnlyForRnn()
    {
        var spec = Example("quickstart.yaml");

        Assert.Equal(SearchMethod.Grid, spec.Strategy.Method);
        Assert.Equal("classification", spec.Task.Kind);
        Assert.Equal("agreement", Data(spec)["source"]);
        Assert.Equal(new Objective("val_accuracy", StudyDirection.Maximize), spec.Objective);
        var grid = Assert.IsType<GridSampler>(spec.CreateSampler());
        Assert.Equal(16, spec.TrialCount(grid));
        Assert.All(grid.Points, p => Assert.Equal(p["arch"].Equals("rnn"), p.ContainsKey("cell")));
        Assert.IsType<MedianPruner>(spec.CreatePruner());
        Assert.Equal(6, spec.Budget.MaxEpochs);
    }

    [Fact]
    public void OmittedFieldsTakeTheDocumentedDefaults()
    {
        var spec = Parse("name: minimal\n");

        Assert.Equal("classification", spec.Task.Kind);
        Assert.Equal("agreement", Data(spec)["source"]);
        Assert.Empty(spec.Model);
        Assert.Equal(new Objective("val_accuracy", StudyDirection.Maximize), spec.Objective); // the task's own default metric
        Assert.Equal(new StrategySpec(SearchMethod.Random, 20, 0, 10_000), spec.Strategy);
        Assert.Empty(spec.Parameters.Parameters);
        Assert.Equal("MedianPruner", spec.CreatePruner().Name);
        Assert.Equal(new BudgetSpec(10, null), spec.Budget);
        Assert.Equal(4, spec.Concurrency);
    }

    [Fact]
    public void DirectionFollowsTheMetricWhenNotGiven()
    {
        var spec = Parse("name: a\nobjective:\n  metric: val_accuracy\n");
        Assert.Equal(StudyDirection.Maximize, spec.Objective.Direction);
    }

    [Fact]
    public void RangesBecomeTheRightDomains()
    {
        var spec = Parse("""
            name: ranges
            parameters:
              hidden_size: {min: 32, max: 256, step: 32}
              layers: [1, 2, 3]
              lr: {min: 0.0001, max: 0.1, distribution: log_uniform}
              dropout: {min: 0, max: 0.5, step: 0.1, distribution: uniform}
              embedding_dim: {min: 16, max: 512, distribution: int_log_uniform}
              optimizer: {value: adam}
            """);

        var domains = spec.Parameters.Parameters.ToDictionary(p => p.Name, p => p.Domain);
        Assert.Equal(new IntDomain(32, 256, 32), domains["hidden_size"]);
        Assert.Equal([1L, 2L, 3L], Assert.IsType<CategoricalDomain>(domains["layers"]).Choices);
        Assert.Equal(new FloatDomain(0.0001, 0.1, null, log: true), domains["lr"]);
        Assert.Equal([0.0, 0.1, 0.2, 0.3, 0.4, 0.5], domains["dropout"].GridValues()!);
        Assert.Equal(new IntDomain(16, 512, 1, log: true), domains["embedding_dim"]);
        Assert.Equal(["adam"], Assert.IsType<CategoricalDomain>(domains["optimizer"]).Choices);
    }

    [Fact]
    public void PrunerSettingsAndNestedWrappedPrunerAreRead()
    {
        var spec = Parse("""
            name: patient
            pruner:
              name: patient
              patience: 3
              min_delta: 0.01
              wrapped_pruner:
                name: median
                n_warmup_steps: 2
            """);

        var pruner = Assert.IsType<PatientPruner>(spec.CreatePruner());
        Assert.Equal(3, pruner.Patience);
        Assert.Equal(0.01, pruner.MinDelta);
        Assert.Equal(2, Assert.IsType<MedianPruner>(pruner.WrappedPruner).NWarmupSteps);
    }

    [Fact]
    public void QuotedNumbersStayText()
    {
        var spec = Parse("name: q\nmodel:\n  pretrained: \"123\"\n  embedding_dim: 64\n");
        Assert.Equal("123", spec.Model["pretrained"]);
        Assert.Equal(64L, spec.Model["embedding_dim"]);
    }

    [Fact]
    public void FilesTaskIsPassedThroughAsData()
    {
        var spec = Example("ptb-lm.yaml");
        Assert.Equal("language_model", spec.Task.Kind);
        Assert.Equal("lines", Data(spec)["format"]);
        Assert.Equal("../../shared/data/ptb/ptb.train.txt", Data(spec)["train"]);
    }

    [Fact]
    public void Keep_defaults_to_the_best_trial_and_reads_best()
    {
        Assert.Equal(1, Parse("name: a").Keep.Best);
        Assert.Equal(3, Parse("name: a\nkeep: {best: 3}").Keep.Best);
        Assert.Equal(0, Parse("name: a\nkeep: {best: 0}").Keep.Best);
    }

    [Theory]
    [InlineData("keep: {best: -1}", "keep.best")]
    [InlineData("keep: {best: 5000}", "keep.best")]
    [InlineData("keep: {worst: 2}", "keep.worst")]
    [InlineData("analysis: {gradient_norms: maybe}", "analysis.gradient_norms")]
    public void Bad_keep_and_analysis_sections_name_the_field(string line, string field)
    {
        var error = Assert.Throws<SpecException>(() => Parse("name: a\n" + line));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Gradient_norms_are_off_unless_asked_for()
    {
        Assert.False(Parse("name: a").Analysis.GradientNorms);
        Assert.True(Parse("name: a\nanalysis: {gradient_norms: true}").Analysis.GradientNorms);
    }
}
