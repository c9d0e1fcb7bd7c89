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
        Write(context.Out, context.Quiet, context.Rich, title);
    }

    /// <summary>Writes to <paramref name="output"/> (plain) or <paramref name="rich"/> (a terminal); quiet leaves out the title and header.</summary>
    public void Write(TextWriter output, bool quiet, IAnsiConsole? rich, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (rich is { } console)
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

            console.Write(table);
            return;
        }

        if (title is not null && !quiet)
        {
            output.WriteLine(title);
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        if (!quiet)
        {
            output.WriteLine(Line(headers, widths));
        }

        foreach (var row in _rows)
        {
            output.WriteLine(Line(row, widths));
        }

        output.Flush();
    }

    private static string Line(string[] cells, int[] widths)
    {
        var line = string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd();
        return line.Length <= MaxWidth ? line : line[..(MaxWidth - 1)] + "…";
    }

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
}
