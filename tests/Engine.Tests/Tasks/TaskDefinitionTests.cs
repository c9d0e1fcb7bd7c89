using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Tests.Tasks;

public sealed class TaskDefinitionTests
{
    private static Dictionary<string, object?> Task(string kind, Dictionary<string, object?> data) =>
        new() { ["kind"] = kind, ["data"] = data };

    [Fact]
    public void Agreement_section_with_string_values_as_yaml_gives_them_is_parsed_with_defaults_for_the_rest()
    {
        var definition = TaskDefinition.Parse(Task("classification", new() { ["source"] = "agreement", ["size"] = "300", ["max_attractors"] = 2L, ["seed"] = 9 }));

        Assert.Equal(TaskKind.Classification, definition.Kind);
        var options = Assert.IsType<AgreementDataSpec>(definition.Data).Options;
        Assert.Equal(new AgreementOptions(Size: 300, MaxAttractors: 2, Seed: 9), options);
    }

    [Fact]
    public void Files_section_is_parsed_and_accepts_a_yaml_style_object_keyed_nested_dictionary()
    {
        var data = new Dictionary<object, object>
        {
            ["source"] = "files", ["format"] = "tsv", ["train"] = "sst2/train.tsv", ["dev"] = "sst2/dev.tsv",
            ["lowercase"] = "true", ["min_count"] = "2", ["max_vocab"] = 5000,
        };

        var definition = TaskDefinition.Parse(new Dictionary<string, object?> { ["kind"] = "classification", ["data"] = data });

        Assert.Equal(new FileDataSpec(DataFormat.Tsv, "sst2/train.tsv", "sst2/dev.tsv", null, true, 2, 5000), definition.Data);
    }

    [Fact]
    public void Round_trips_through_its_dictionary_form()
    {
        var agreement = new TaskDefinition(TaskKind.LanguageModel, new AgreementDataSpec(new AgreementOptions(Size: 10, MaxDistance: 9, Seed: 4)));
        var files = new TaskDefinition(TaskKind.LanguageModel, new FileDataSpec(DataFormat.Lines, "a.txt", "b.txt", "c.txt", false, 3, 100));

        Assert.Equal(agreement, TaskDefinition.Parse(agreement.ToDictionary()));
        Assert.Equal(files, TaskDefinition.Parse(files.ToDictionary()));
    }

    [Theory]
    [InlineData("kind", "task.kind: 'regression' is not one of the choices (accepted: one of classification, language_model)")]
    [InlineData("source", "task.data.source: 'web' is not one of the choices (accepted: one of agreement, files)")]
    [InlineData("unknown", "task.data.colour: unknown field 'colour'")]
    [InlineData("size", "task.data.size: 'many' is not an integer")]
    [InlineData("range", "task.data.max_distance: must be >= min_distance (5)")]
    [InlineData("missing-data", "task.data: required section is missing")]
    public void Invalid_agreement_sections_name_the_field(string problem, string expected)
    {
        var data = new Dictionary<string, object?> { ["source"] = "agreement" };
        var task = Task("classification", data);
        switch (problem)
        {
            case "kind": task["kind"] = "regression"; break;
            case "source": data["source"] = "web"; break;
            case "unknown": data["colour"] = "red"; break;
            case "size": data["size"] = "many"; break;
            case "range": data["min_distance"] = 5; data["max_distance"] = 4; break;
            case "missing-data": task.Remove("data"); break;
        }

        var error = Assert.ThrowsAny<EngineException>(() => TaskDefinition.Parse(task));

        Assert.StartsWith(expected, error.Message);
    }

    [Theory]
    [InlineData("format", "tsv", "language_model", "task.data.format: format 'tsv' needs kind classification")]
    [InlineData("format", "lines", "classification", "task.data.format: format 'lines' needs kind language_model")]
    [InlineData("format", "csv", "classification", "task.data.format: 'csv' is not one of the choices")]
    [InlineData("train", null, "classification", "task.data.train: required field is missing")]
    [InlineData("lowercase", "yes", "classification", "task.data.lowercase: 'yes' is not true or false")]
    [InlineData("min_count", "0", "classification", "task.data.min_count: '0' is out of range")]
    public void Invalid_files_sections_name_the_field(string field, string? value, string kind, string expected)
    {
        var data = new Dictionary<string, object?> { ["source"] = "files", ["format"] = "tsv", ["train"] = "t.tsv", ["dev"] = "d.tsv" };
        data[field] = value;

        var error = Assert.ThrowsAny<EngineException>(() => TaskDefinition.Parse(Task(kind, data)));

        Assert.StartsWith(expected, error.Message);
    }
}
