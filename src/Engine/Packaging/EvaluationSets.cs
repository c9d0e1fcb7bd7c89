using HyperSweep.Engine.Data;
using HyperSweep.Engine.Tasks;

namespace HyperSweep.Engine.Packaging;

/// <summary>
/// Reads what a model is scored on, encoded with the model's own vocabulary: any file in its task's format (the task's
/// <c>format</c> for file tasks; for the agreement task a <c>tsv</c> of prefixes and 0/1 labels when classifying, one
/// sentence a line when language modelling), or the task's own dev or test split (regenerated for the agreement task,
/// read from the spec's paths for file tasks).
/// </summary>
public static class EvaluationSets
{
    public const string Dev = "dev";
    public const string Test = "test";

    public static EvaluationSet FromFile(LoadedModel model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        var format = model.Info.Task.Data is FileDataSpec files
            ? files.Format
            : model.Kind == TaskKind.Classification ? DataFormat.Tsv : DataFormat.Lines;
        return new EvaluationSet(full, Encode(model, full, format));
    }

    /// <summary>The task's <see cref="Dev"/> or <see cref="Test"/> split.</summary>
    public static EvaluationSet FromSplit(LoadedModel model, string split)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (split is not (Dev or Test))
        {
            throw new EngineException($"split: '{split}' is not a split; accepted: {Dev}, {Test}");
        }

        switch (model.Info.Task.Data)
        {
            case AgreementDataSpec { Options: var options }:
            {
                if (split == Test && options.TestSize == 0)
                {
                    throw new EngineException("split: the model's agreement task has no test split (test_size is 0)");
                }

                var generator = new AgreementGenerator(options);
                var sentences = split == Dev ? generator.Dev() : generator.Test();
                return new EvaluationSet($"agreement {split} split", TaskData.EncodeAgreement(split, sentences, model.Vocabulary, model.Kind), sentences);
            }

            case FileDataSpec files:
            {
                var path = split == Dev ? files.Dev : files.Test ?? throw new EngineException("split: the model's task names no test file");
                var full = Path.GetFullPath(Path.Combine(model.Info.BaseDirectory, path));
                return new EvaluationSet(full, Encode(model, full, files.Format));
            }

            default:
                throw new EngineException($"split: unsupported task data {model.Info.Task.Data.GetType().Name}");
        }
    }

    private static EncodedSplit Encode(LoadedModel model, string path, DataFormat format)
    {
        var tokenizer = model.Tokenizer;
        if (model.Kind == TaskKind.LanguageModel)
        {
            if (format != DataFormat.Lines)
            {
                throw new EngineException($"{path}: a language model reads one sentence a line ('lines' format), not {format}");
            }

            return new EncodedSplit(path, [.. LanguageModelReader.ReadLines(path, tokenizer).Select(line => new EncodedExample(model.Vocabulary.Encode(line), -1))]);
        }

        var maxLabel = (model.Info.Labels?.Count ?? 2) - 1;
        var examples = format switch
        {
            DataFormat.Tsv => ClassificationReader.ReadTsv(path, tokenizer, maxLabel),
            DataFormat.Sst5 => ClassificationReader.ReadSst5(path, tokenizer),
            _ => throw new EngineException($"{path}: a classifier reads 'tsv' or 'sst5' files, not {format}"),
        };
        if (examples.FirstOrDefault(e => e.Label > maxLabel) is { } unknown)
        {
            throw new EngineException($"{path}: label {unknown.Label} is not one of the model's {maxLabel + 1} classes");
        }

        return new EncodedSplit(path, [.. examples.Select(e => new EncodedExample(model.Vocabulary.Encode(e.Tokens), e.Label))]);
    }
}
