using HyperSweep.Search.Spaces;
using Microsoft.VisualBasic.FileIO;

namespace HyperSweep.Search.Replay;

/// <summary>
/// A tabular benchmark from a CSV file: a header row, then one row per configuration with one column per parameter
/// (an empty cell: the parameter is inactive in that row) and one for the objective value. The objective column is
/// the one named, else "objective" or "value", else the last one. Rows without a number in it are skipped.
/// </summary>
public static class TableCsv
{
    /// <param name="space">The search space (a spec's <c>parameters:</c>); null infers it (<see cref="TableSpace.Infer"/>).</param>
    public static TabularBenchmark Load(string path, StudyDirection direction, string? objectiveColumn = null, SearchSpace? space = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var parser = new TextFieldParser(path) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        var header = parser.ReadFields() ?? throw new InvalidDataException($"{path}: the file is empty (a header row is needed)");
        var objective = objectiveColumn
            ?? header.FirstOrDefault(h => h.Trim() is "objective" or "value")
            ?? header[^1];
        var objectiveIndex = Array.FindIndex(header, h => h.Trim() == objective.Trim());
        if (objectiveIndex < 0)
        {
            throw new InvalidDataException($"{path}: no column '{objective}' (columns: {string.Join(", ", header)})");
        }
        var columns = header.Select(h => h.Trim()).Where((_, i) => i != objectiveIndex).ToList();
        var records = new List<(Dictionary<string, object> Values, double Objective)>();
        while (parser.ReadFields() is { } fields)
        {
            if (fields.Length != header.Length)
            {
                throw new InvalidDataException($"{path}:{parser.LineNumber - 1}: {fields.Length} cells, the header has {header.Length}");
            }
            var objectiveCell = TableSpace.Scalar(fields[objectiveIndex]);
            if (objectiveCell is not (long or double))
            {
                continue;
            }
            var value = Convert.ToDouble(objectiveCell, System.Globalization.CultureInfo.InvariantCulture);
            if (double.IsNaN(value))
            {
                continue;
            }
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            for (int i = 0, c = 0; i < fields.Length; i++)
            {
                if (i == objectiveIndex)
                {
                    continue;
                }
                if (TableSpace.Scalar(fields[i]) is { } cell)
                {
                    values[columns[c]] = cell;
                }
                c++;
            }
            records.Add((values, value));
        }
        if (records.Count == 0)
        {
            throw new InvalidDataException($"{path}: no row has a number in column '{objective}'");
        }
        space ??= TableSpace.Infer(columns, records.Select(r => (IReadOnlyDictionary<string, object>)r.Values).ToList());
        var rows = records.Select(r => new TableRow(Parameters(space, r.Values), r.Objective)).ToList();
        return new TabularBenchmark(space, rows, direction, objective.Trim());
    }

    /// <summary>A recorded configuration restricted to the space's parameters, in space order and types.</summary>
    public static TrialParameters Parameters(SearchSpace space, IReadOnlyDictionary<string, object> values) =>
        new(space.Parameters.Where(p => values.ContainsKey(p.Name))
            .Select(p => new KeyValuePair<string, object>(p.Name, TableSpace.Coerce(p.Domain, values[p.Name]))));
}
