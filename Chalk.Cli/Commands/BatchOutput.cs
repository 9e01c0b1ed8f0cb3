using System.Globalization;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Cli.Commands;

/// <summary>How <c>chalk query --input</c> writes its answer: a table on the terminal (the default), or CSV, JSON or Parquet
/// to a file or (CSV, JSON) to standard output.</summary>
internal static class BatchOutput
{
    /// <summary>Rows a table shows before saying how many more there are.</summary>
    public const int TableRows = 50;

    // Past this many, row errors and missing rows are counted rather than listed one by one.
    private const int MaxListed = 20;

    public static readonly string[] Formats = ["table", "csv", "json", "parquet"];

    /// <summary>The format: <c>--format</c>, else the <c>--output</c> file's extension, else a table.</summary>
    public static string FormatOf(string? format, string? file)
    {
        if (format is not null) return format;
        if (file is null) return "table";
        return Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".csv" => "csv",
            ".json" => "json",
            ".parquet" or ".pq" => "parquet",
            var other => throw new ArgumentException($"--output '{file}': cannot tell the format from '{other}'; use .csv, .json or .parquet, or give --format"),
        };
    }

    /// <summary>Writes <paramref name="table"/> as <paramref name="format"/> to <paramref name="file"/> (or to <paramref name="output"/>), then the errors and missing rows.</summary>
    public static async Task WriteAsync(RecordBatch table, BatchResult result, string format, string? file, TextWriter output, CancellationToken cancellationToken)
    {
        if (format == "parquet" && file is null) throw new ArgumentException("--format parquet writes a binary file; give --output file.parquet");
        if (file is null)
        {
            await output.WriteAsync(format switch { "csv" => Csv(table), "json" => Json(table), _ => Table(table) }).ConfigureAwait(false);
        }
        else
        {
            if (format == "parquet") await ParquetAsync(table, file, cancellationToken).ConfigureAwait(false);
            else await File.WriteAllTextAsync(file, format == "json" ? Json(table) : format == "csv" ? Csv(table) : Table(table), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {table.Length} rows of {table.ColumnCount} columns to {file} ({format})")).ConfigureAwait(false);
        }
        // In CSV or JSON on standard output, anything more would spoil the data; errors are then only counted on the table's terms.
        if (file is null && format is "csv" or "json") return;
        await output.WriteAsync(Problems(result)).ConfigureAwait(false);
    }

    private static string Problems(BatchResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        foreach (var e in result.Errors.Take(MaxListed)) sb.Append(c, $"error: row {e.Row}: {e.Feature}: {e.Message}\n");
        if (result.Errors.Count > MaxListed) sb.Append(c, $"error: … and {result.Errors.Count - MaxListed} more\n");
        foreach (var m in result.MissingRows.Take(MaxListed)) sb.Append("missing: ").Append(m).Append('\n');
        if (result.MissingRows.Count > MaxListed) sb.Append(c, $"missing: … and {result.MissingRows.Count - MaxListed} more\n");
        return sb.ToString();
    }

    private static string Table(RecordBatch table)
    {
        var header = table.Schema.FieldsList.Select(f => f.Name).ToList();
        var rows = Enumerable.Range(0, Math.Min(table.Length, TableRows))
            .Select(r => (IReadOnlyList<string>)Enumerable.Range(0, table.ColumnCount).Select(c => Cell(table.Column(c), r)).ToList());
        var text = TextTable.Render(header, rows);
        if (table.Length > TableRows)
            text += string.Create(CultureInfo.InvariantCulture, $"… {table.Length - TableRows} more rows ({table.Length} in all); write them with --output file.csv|file.parquet|file.json\n");
        return text;
    }

    // A time stamp without a zone is a wall-clock DateTime (printed without Z); with one, an instant.
    private static object? Value(IArrowArray column, int row) => ArrowValues.Get(column, row) switch
    {
        DateTime t when column.Data.DataType is Apache.Arrow.Types.TimestampType { Timezone: null or "" } => DateTime.SpecifyKind(t, DateTimeKind.Unspecified),
        DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        var v => v,
    };

    // A table cell: a null and the string "null" (or an empty string) must not look alike; CSV and JSON say it their way.
    private static string Cell(IArrowArray column, int row) => Value(column, row) is string s ? OnlineResult.Display(s) : Text(column, row);

    private static string Text(IArrowArray column, int row) => Value(column, row) switch
    {
        null => "null",
        DateTime t => QueryOutput.Timestamp(t),
        DateTimeOffset o => QueryOutput.Timestamp(o),
        var v => OnlineResult.Format(v),
    };

    private static string Csv(RecordBatch table)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', table.Schema.FieldsList.Select(f => Quote(f.Name))).Append('\n');
        for (int r = 0; r < table.Length; r++)
        {
            for (int c = 0; c < table.ColumnCount; c++)
            {
                if (c > 0) sb.Append(',');
                if (table.Column(c).IsValid(r)) sb.Append(Quote(Text(table.Column(c), r)));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    // A null is an empty field and an empty string a quoted one (""), so that the two stay apart when the file is read back.
    private static string Quote(string field)
        => field.Length > 0 && field.AsSpan().IndexOfAny(",\"\n\r") < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Json(RecordBatch table)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            for (int r = 0; r < table.Length; r++)
            {
                w.WriteStartObject();
                for (int c = 0; c < table.ColumnCount; c++) QueryOutput.WriteValue(w, table.Schema.GetFieldByIndex(c).Name, Value(table.Column(c), r));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    // DuckDB's Parquet writer, over the table loaded into DuckDB.
    private static async Task ParquetAsync(RecordBatch table, string file, CancellationToken cancellationToken)
    {
        await using var duckdb = new DuckDbSource("Data Source=:memory:");
        var path = "'" + Path.GetFullPath(file).Replace("'", "''", StringComparison.Ordinal) + "'";
        using var _ = await duckdb.QueryWithTablesAsync($"copy (select * from answer) to {path} (format parquet)", [("answer", table)], "--output " + file, cancellationToken)
            .ConfigureAwait(false);
    }
}
