using System.Globalization;

namespace HyperSweep.Engine.Layers;

/// <summary>A [V, E] table of token vectors; ids of shape S look up S + [E]. Negative ids (padding) give zero rows.</summary>
public sealed class Embedding : Module
{
    /// <summary>Random initialisation uniform in ±0.1 (Zaremba et al.'s choice for language models).</summary>
    public const float InitBound = 0.1f;

    public Embedding(string name, int vocabularySize, int dimension, Random random)
    {
        if (vocabularySize <= 0 || dimension <= 0)
        {
            throw new EngineException($"embedding {name}: sizes must be positive, got {vocabularySize} × {dimension}.");
        }

        VocabularySize = vocabularySize;
        Dimension = dimension;
        Table = AddParameter(new Parameter(name, Initializer.Uniform(random, InitBound, vocabularySize * dimension), vocabularySize, dimension)
        {
            // Only the batch's rows receive gradient: clearing, clipping and SGD then cost the batch, not the vocabulary.
            RowSparseGradient = true,
        });
    }

    public int VocabularySize { get; }

    public int Dimension { get; }

    public Parameter Table { get; }

    public Tensor Forward(int[] ids, params int[] idsShape)
    {
        return Table.Gather(ids, idsShape);
    }

    /// <summary>
    /// Overwrites the rows of known words with vectors from a GloVe-format text file ("word v1 v2 … vE" per line,
    /// space separated; a word2vec "count dimension" first line is skipped). <paramref name="idOf"/> maps a word to its id or null when it is not in the vocabulary.
    /// Returns how many rows were set. Malformed lines fail with file:line.
    /// </summary>
    public int LoadPretrained(string path, Func<string, int?> idOf)
    {
        ArgumentNullException.ThrowIfNull(idOf);
        if (!File.Exists(path))
        {
            throw new EngineException($"pretrained: file '{path}' does not exist.");
        }

        var loaded = 0;
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.TrimEnd().Split(' ');
            if (lineNumber == 1 && fields.Length == 2 && int.TryParse(fields[0], out _) && int.TryParse(fields[1], out _))
            {
                continue;   // a word2vec-style "count dimension" header
            }

            if (fields.Length < Dimension + 1)
            {
                throw new EngineException(
                    $"{path}:{lineNumber}: expected a word and {Dimension} numbers, found {fields.Length - 1} fields after the word.");
            }

            // The numbers are the last E fields; a few GloVe vocabularies have words containing spaces.
            var wordFields = fields.Length - Dimension;
            for (var k = 1; k < wordFields; k++)
            {
                if (float.TryParse(fields[k], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new EngineException(
                        $"{path}:{lineNumber}: expected a word and {Dimension} numbers, found {fields.Length - k} numbers.");
                }
            }

            var word = wordFields == 1 ? fields[0] : string.Join(' ', fields, 0, wordFields);
            var id = idOf(word);
            if (id is null)
            {
                continue;
            }

            if (id < 0 || id >= VocabularySize)
            {
                throw new EngineException($"{path}:{lineNumber}: word '{word}' maps to id {id}, outside 0..{VocabularySize - 1}.");
            }

            var row = Table.Data.AsSpan(id.Value * Dimension, Dimension);
            for (var j = 0; j < Dimension; j++)
            {
                var field = fields[wordFields + j];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
                {
                    throw new EngineException($"{path}:{lineNumber}: value {j + 1} '{field}' is not a finite number.");
                }

                row[j] = value;
            }

            loaded++;
        }

        return loaded;
    }
}
