namespace HyperSweep.Search.Spec;

/// <summary>
/// The task section: checks the kind, the data source and the shape of its options (types, required
/// paths), and passes the data through as a dictionary for the Engine, which validates the meaning.
/// </summary>
internal static class TaskSection
{
    private static readonly string[] AgreementOptions =
        ["source", "size", "dev_size", "max_attractors", "min_distance", "max_distance", "vocabulary", "seed"];

    private static readonly string[] FileOptions =
        ["source", "format", "train", "dev", "test", "lowercase", "min_count", "max_vocab"];

    public static TaskSpec Default { get; } =
        new("classification", new Dictionary<string, object?> { ["source"] = "agreement" });

    public static TaskSpec Parse(SpecNode node)
    {
        var fields = node.Map("kind", "data").ToDictionary(f => f.Key, f => f.Value);
        var kind = fields.TryGetValue("kind", out var kindNode) ? kindNode.OneOf(Vocabulary.TaskKinds) : "classification";
        if (!fields.TryGetValue("data", out var dataNode))
        {
            throw node.Error("task needs 'data' (source: agreement, or source: files with format, train and dev)");
        }
        var raw = dataNode.Map(AgreementOptions.Union(FileOptions).ToArray());
        var sourceEntry = raw.FirstOrDefault(e => e.Key == "source");
        if (sourceEntry.Value is null)
        {
            throw dataNode.Error("data needs 'source': agreement (built-in synthetic task) or files");
        }
        var source = sourceEntry.Value.OneOf(Vocabulary.DataSources);
        var allowed = source == "agreement" ? AgreementOptions : FileOptions;
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value, keyMark) in raw)
        {
            if (!allowed.Contains(key))
            {
                throw value.ErrorAt(keyMark, value.Path,
                    $"'{key}' does not apply to source {source}; expected one of: {string.Join(", ", allowed)}");
            }
            data[key] = key switch
            {
                "source" => source,
                "format" => value.OneOf(Vocabulary.FileFormats),
                "train" or "dev" or "test" => value.String(),
                "lowercase" => value.Bool(),
                "size" or "dev_size" or "vocabulary" or "min_count" or "max_vocab" => value.Long(min: 1),
                "max_attractors" or "min_distance" or "max_distance" => value.Long(min: 0),
                "seed" => value.Long(),
                _ => value.Scalar(),
            };
        }
        if (source == "files")
        {
            foreach (var required in new[] { "format", "train", "dev" })
            {
                if (!data.ContainsKey(required))
                {
                    throw dataNode.Error($"source files needs '{required}'");
                }
            }
            var format = (string)data["format"]!;
            var formatNode = raw.First(e => e.Key == "format").Value;
            if (kind == "language_model" && format != "lines")
            {
                throw formatNode.Error($"a language_model task reads format lines, not {format}");
            }
            if (kind == "classification" && format == "lines")
            {
                throw formatNode.Error("format lines is language-model text; a classification task reads tsv or sst5");
            }
        }
        if (data.TryGetValue("min_distance", out var low) && data.TryGetValue("max_distance", out var high) && (long)low! > (long)high!)
        {
            throw raw.First(e => e.Key == "min_distance").Value.Error($"min_distance {low} is greater than max_distance {high}");
        }
        return new TaskSpec(kind, data);
    }
}
