using System.Globalization;
using Spectre.Console;

namespace HyperSweep.Client.Commands;

/// <summary>
/// A table printed as a Spectre table on a terminal, or as aligned plain columns (no colour codes) otherwise, each plain
/// line at most <see cref="MaxWidth"/> columns: the last column (parameters, reasons) is cut with "…" beyond it.
/// </summary>
public sealed class TextTable(params string[] headers)
{
    public const int MaxWidth = 120;

    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public void Add(params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row needs {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void Write(CommandContext context, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Rich is { } rich)
        {
            var table = new Table().Border(TableBorder.Rounded);
            if (title is not null)
            {
                table.Title(Markup.Escape(title));
            }

            foreach (var header in headers)
            {
                table.AddColumn(Markup.Escape(header));
            }

            foreach (var row in _rows)
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            rich.Write(table);
            return;
        }

        if (title is not null && !context.Quiet)
        {
            context.Out.WriteLine(title);
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        if (!context.Quiet)
        {
            context.Out.WriteLine(Line(headers, widths));
        }

        foreach (var row in _rows)
        {
            context.Out.WriteLine(Line(row, widths));
        }

        context.Out.Flush();
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        return line.Length <= MaxWidth ? line : line[..(MaxWidth - 1)] + "…";
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
