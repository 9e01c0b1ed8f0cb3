using System.Text;

namespace Chalk.Cli.Commands;

/// <summary>A plain aligned table, as the commands print by default: a header row, then one row per item; the last
/// column is not padded (a long description does not push the others). Deterministic, so docs can show it.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        var widths = header.Select((h, i) => all.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var sb = new StringBuilder();
        Line(sb, header, widths);
        foreach (var r in all) Line(sb, r, widths);
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder();
        for (int i = 0; i < cells.Count; i++)
        {
            if (i > 0) line.Append("  ");
            line.Append(i == cells.Count - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }
        sb.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
