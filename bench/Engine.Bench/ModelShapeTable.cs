using System.Globalization;
using System.Text.RegularExpressions;

namespace HyperSweep.Engine.Bench;

/// <summary>
/// Reads the shapes table of SHAPES.md: the first markdown table whose header starts with "| model |", one model
/// per row, columns found by their header names (model, vocab, emb, hidden, layers, direction, classes, batch,
/// sequence, optimizer, lr, clip). Errors name the file, line and column.
/// </summary>
public static partial class ModelShapeTable
{
    /// <summary>A copy of the table in ../shared/bench/SHAPES.md (2026-11-25), used when no --shapes file is given.</summary>
    public const string Default = """
        | model | vocab | emb | hidden | layers | direction | classes | batch | sequence | optimizer | lr | clip |
        |---|---|---|---|---|---|---|---|---|---|---|---|
        | dan | 20000 | 300 | 300,300 (ReLU) | 2 | - | 2 | 64 | padded to 20, lengths 5..20, mask-averaged | adam | 1e-3 | - |
        | nplm | 10000 | 100 | 200 (tanh) | 1 | - | softmax over vocab | 128 | context 4 words | sgd | 0.1 | - |
        | elman_lm | 10000 | 128 | 256 (tanh) | 1 | uni | softmax over vocab | 32 | bptt 35 | sgd | 1.0 | 5.0 |
        | lstm_lm | 10000 | 128 | 256 | 1 | uni | softmax over vocab | 32 | bptt 35 | sgd | 1.0 | 5.0 |
        | gru_lm | 10000 | 128 | 256 | 1 | uni | softmax over vocab | 32 | bptt 35 | sgd | 1.0 | 5.0 |
        | birnn_clf | 20000 | 100 | 128 (tanh Elman) | 2 | bi | 2 | 32 | padded, lengths 5..40, true last states by mask | adam | 1e-3 | - |
        """;

    private static readonly string[] Columns =
        ["model", "vocab", "emb", "hidden", "layers", "direction", "classes", "batch", "sequence", "optimizer", "lr", "clip"];

    public static IReadOnlyList<ModelShape> Load(string? path)
    {
        if (path is null)
        {
            return Parse(Default, "(built-in SHAPES.md table)");
        }

        if (!File.Exists(path))
        {
            throw new ArgumentException($"--shapes: file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<ModelShape> Parse(string text, string source)
    {
        var lines = text.Split('\n');
        var header = Array.FindIndex(lines, line => Cells(line) is [var first, ..] && first.Equals("model", StringComparison.OrdinalIgnoreCase));
        if (header < 0)
        {
            throw new ArgumentException($"{source}: no markdown table with a header row starting with '| model |'.");
        }

        var names = Cells(lines[header])!.Select(cell => cell.ToLowerInvariant()).ToList();
        var index = new Dictionary<string, int>();
        foreach (var column in Columns)
        {
            var position = names.IndexOf(column);
            if (position < 0)
            {
                throw new ArgumentException($"{source}:{header + 1}: the table has no '{column}' column (has: {string.Join(", ", names)}).");
            }

            index[column] = position;
        }

        var shapes = new List<ModelShape>();
        for (var i = header + 1; i < lines.Length; i++)
        {
            var cells = Cells(lines[i]);
            if (cells is null)
            {
                break;
            }

            if (cells.All(cell => cell.Length == 0 || cell.Trim('-', ':').Length == 0))
            {
                continue;   // the |---|---| separator
            }

            if (cells.Count != names.Count)
            {
                throw new ArgumentException($"{source}:{i + 1}: row has {cells.Count} cells, the header has {names.Count}.");
            }

            shapes.Add(new RowReader(source, i + 1, cells, index).Read());
        }

        if (shapes.Count == 0)
        {
            throw new ArgumentException($"{source}:{header + 1}: the shapes table has no rows.");
        }

        return shapes;
    }

    private static List<string>? Cells(string line)
    {
        var trimmed = line.Trim();
        if (!trimmed.StartsWith('|'))
        {
            return null;
        }

        return trimmed.Trim('|').Split('|').Select(cell => cell.Trim()).ToList();
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Integer();

    [GeneratedRegex(@"lengths\s+(\d+)\s*\.\.\s*(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex LengthRange();

    [GeneratedRegex(@"(?:padded to|context|bptt)\s+(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex FixedLength();

    private sealed class RowReader(string source, int line, List<string> cells, Dictionary<string, int> index)
    {
        public ModelShape Read()
        {
            var name = Cell("model");
            var kind = KindOf(name);
            var vocabulary = Int("vocab");
            const string widths = "expected one or more positive widths, e.g. 256 or 300,300 (ReLU)";
            var hidden = Integer().Matches(Cell("hidden").Split('(')[0]).Select(match => Parse(match.Value, "hidden", widths)).ToList();
            if (hidden.Count == 0 || hidden.Any(h => h <= 0))
            {
                throw Error("hidden", widths);
            }

            // bench.py's rule: ReLU if the cell says relu anywhere, else tanh.
            var activation = Cell("hidden").Contains("relu", StringComparison.OrdinalIgnoreCase) ? "relu" : "tanh";
            var direction = Cell("direction").ToLowerInvariant();
            var classesCell = Cell("classes");
            var classes = classesCell.Contains("vocab", StringComparison.OrdinalIgnoreCase) ? vocabulary : Int("classes");
            var sequence = Cell("sequence");
            var range = LengthRange().Match(sequence);
            var fixedLength = FixedLength().Match(sequence);
            const string lengths = "expected 'padded to N', 'context N' or 'bptt N' and/or 'lengths a..b' with 1 <= a <= b (<= N)";
            var length = fixedLength.Success ? Parse(fixedLength.Groups[1].Value, "sequence", lengths) : 0;
            var (min, max) = range.Success
                ? (Parse(range.Groups[1].Value, "sequence", lengths), Parse(range.Groups[2].Value, "sequence", lengths))
                : (length, length);
            if (max <= 0 || min < 1 || min > max || (length > 0 && max > length))
            {
                throw Error("sequence", lengths);
            }

            var optimizer = Cell("optimizer").ToLowerInvariant();
            if (optimizer is not ("adam" or "sgd"))
            {
                throw Error("optimizer", "expected adam or sgd");
            }

            var clipCell = Cell("clip");
            float? clip = clipCell is "-" or "" ? null : Float("clip");
            return new ModelShape(
                name, kind, vocabulary, Int("emb"), hidden, activation, Int("layers"), direction == "bi", classes, Int("batch"),
                length, min, max, optimizer, Float("lr"), clip);
        }

        private ModelKind KindOf(string name)
        {
            var lower = name.ToLowerInvariant();
            if (lower.StartsWith("dan", StringComparison.Ordinal))
            {
                return ModelKind.Dan;
            }

            if (lower.StartsWith("nplm", StringComparison.Ordinal))
            {
                return ModelKind.Nplm;
            }

            if (lower.Contains("_lm", StringComparison.Ordinal))
            {
                return lower.Contains("lstm", StringComparison.Ordinal) ? ModelKind.LstmLanguageModel
                    : lower.Contains("gru", StringComparison.Ordinal) ? ModelKind.GruLanguageModel
                    : ModelKind.ElmanLanguageModel;
            }

            if (lower.Contains("clf", StringComparison.Ordinal))
            {
                return ModelKind.RnnClassifier;
            }

            throw Error("model", "the name must start with dan or nplm, or contain _lm (elman/lstm/gru) or clf");
        }

        private string Cell(string column) => cells[index[column]];

        private int Int(string column)
        {
            if (!int.TryParse(Cell(column), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                throw Error(column, "expected a positive integer");
            }

            return value;
        }

        /// <summary>Digits a regex matched, as an int: a number too large for one is the cell's error, not an OverflowException.</summary>
        private int Parse(string digits, string column, string expected) =>
            int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Error(column, expected);

        private float Float(string column)
        {
            // float.TryParse reads what overflows a float32 (and "Infinity") as infinity: refused, as bench.py refuses it.
            if (!float.TryParse(Cell(column), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0) ||
                float.IsInfinity(value))
            {
                throw Error(column, "expected a positive number");
            }

            return value;
        }

        private ArgumentException Error(string column, string expected) =>
            new($"{source}:{line}: column '{column}' = \"{Cell(column)}\": {expected}.");
    }
}
