using HyperSweep.Engine.Schema;
using HyperSweep.Engine.Training;

namespace HyperSweep.Engine.Tests;

public sealed class SchemaTests
{
    [Fact]
    public void The_hyper_parameter_reference_in_docs_is_what_the_schema_generates()
    {
        var path = RepositoryPaths.Of("docs", "HYPERPARAMETERS.md");
        Assert.True(
            File.ReadAllText(path) == SchemaReference.Markdown(),
            $"{path} is out of date: regenerate it with `dotnet run --project src/Client -c Release -- schema > docs/HYPERPARAMETERS.md`");
    }

    [Fact]
    public void Every_name_is_defined_once()
    {
        Assert.Equal(HyperParameterSchema.All.Count, HyperParameterSchema.All.Select(d => d.Name).Distinct().Count());
        Assert.Equal(TaskSchema.FilesFields.Count, TaskSchema.FilesFields.Select(d => d.Name).Distinct().Count());
        Assert.Equal(MetricNames.All, MetricSchema.All.Select(m => m.Name));
    }

    [Fact]
    public void Defaults_are_accepted_by_their_own_rules()
    {
        foreach (var field in HyperParameterSchema.All.Concat(TaskSchema.AgreementFields).Concat(TaskSchema.FilesFields).Where(f => f.Default is not null))
        {
            Assert.Null(field.Rule.Problem(field.Default is int i ? (long)i : field.Default));
        }
    }

    [Fact]
    public void The_engine_schema_refuses_an_architecture_that_cannot_serve_the_task_kind()
    {
        var schema = EngineSchema.Instance;
        Assert.Null(schema.CheckValue("classification", "arch", "dan"));
        Assert.Contains("nplm cannot serve a classification task", schema.CheckValue("classification", "arch", "nplm"));
        Assert.Contains("dan cannot serve a language_model task", schema.CheckValue("language_model", "arch", "dan"));
    }

    [Theory]
    [InlineData("batch_size", "abc", "'abc' is not an integer")]
    [InlineData("batch_size", -32L, "-32 is out of range")]
    [InlineData("batch_size", 1e308, "is not a whole number")]
    [InlineData("dropout", 1.0, "1 is out of range (accepted: a number in [0, 1))")]
    [InlineData("optimizer", "adma", "did you mean 'adam'?")]
    public void Values_are_refused_with_what_is_accepted(string parameter, object value, string expected)
    {
        Assert.Contains(expected, EngineSchema.Instance.CheckValue("classification", parameter, value));
    }
}
