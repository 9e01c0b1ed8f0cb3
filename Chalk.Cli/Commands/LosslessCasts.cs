using System.Globalization;
using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Sql.Sources;

namespace Chalk.Cli.Commands;

/// <summary>Checks that every value of a batch file's feature columns becomes its feature's type unchanged, before the
/// file is cast: a cast that fails or changes a value (<c>1.5</c> into a <c>long</c>, a Parquet <c>DOUBLE</c> 2.5 into
/// an <c>int</c>, a <c>BIGINT</c> past 2^53 into a <c>double</c>) is a usage error naming the column and the value, never
/// a rounded input.</summary>
internal static class LosslessCasts
{
    /// <summary>DuckDB's type for a feature of <paramref name="kind"/>.</summary>
    public static string SqlType(ScalarKind kind) => kind switch
    {
        ScalarKind.Bool => "BOOLEAN",
        ScalarKind.Int32 => "INTEGER",
        ScalarKind.Int64 => "BIGINT",
        ScalarKind.Float32 => "FLOAT",
        ScalarKind.Float64 => "DOUBLE",
        ScalarKind.String => "VARCHAR",
        ScalarKind.DateTime => "TIMESTAMP",
        _ => "TIMESTAMPTZ",
    };

    /// <summary>Throws for the first column (in file order) holding a value that does not become its feature's type
    /// exactly; one scan of the file for every column.</summary>
    /// <param name="duckdb">The connection reading the file.</param>
    /// <param name="reader">The table function reading it, e.g. <c>read_parquet('a.parquet')</c>.</param>
    /// <param name="path">The file, for messages.</param>
    /// <param name="columns">Each feature column: its name, its type in the file (DuckDB's name) and its feature's type.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <exception cref="ArgumentException">A value does not fit its feature's type.</exception>
    public static async Task CheckAsync(DuckDbSource duckdb, string reader, string path, IReadOnlyList<(string Name, string FileType, ScalarKind Feature)> columns,
        CancellationToken cancellationToken)
    {
        var checks = columns.Select(c => (c.Name, c.Feature, Bad: Bad(c.Name, c.FileType, c.Feature))).Where(c => c.Bad is not null).ToList();
        if (checks.Count == 0) return;
        var firsts = checks.Select(c => $"first(cast({BatchInputFile.Identifier(c.Name)} as VARCHAR)) filter (where {c.Bad})");
        var counts = checks.Select(c => $"count(*) filter (where {c.Bad})");
        using var result = await duckdb.QueryWithTablesAsync($"select {string.Join(", ", firsts.Concat(counts))} from {reader}", [], "--input " + path, cancellationToken)
            .ConfigureAwait(false);
        var row = result.Batches.Single();
        for (int i = 0; i < checks.Count; i++)
        {
            long count = ((Int64Array)row.Column(checks.Count + i)).GetValue(0) ?? 0;
            if (count == 0) continue;
            var value = ((StringArray)row.Column(i)).GetString(0);
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"--input '{path}': column '{checks[i].Name}' holds '{value}' ({count} value{(count == 1 ? "" : "s")} in all), which the feature's type {Name(checks[i].Feature)} cannot hold as written; fix the file, or change the feature's type"));
        }
    }

    // The condition under which a value of the column does not become the feature's type exactly; null when every value does.
    private static string? Bad(string name, string fileType, ScalarKind feature)
    {
        var column = BatchInputFile.Identifier(name);
        var cast = $"try_cast({column} as {SqlType(feature)})";
        if (fileType.Equals("VARCHAR", StringComparison.OrdinalIgnoreCase))
        {
            // DuckDB casts the text "1.5" to the integer 2 and "1e3" to 1000, so an integer's text must be digits.
            return feature switch
            {
                ScalarKind.String => null,
                ScalarKind.Int32 or ScalarKind.Int64 => $"{column} is not null and ({cast} is null or not regexp_full_match({column}, '\\s*[+-]?[0-9]+\\s*'))",
                _ => $"{column} is not null and {cast} is null",
            };
        }
        // From a typed column (Parquet), a number or flag must come back as it was: rounding, overflow and precision loss are refused.
        // Text and time stamps are written or converted by DuckDB's own rules (a number as its digits, a date at midnight).
        if (feature is ScalarKind.String or ScalarKind.DateTime or ScalarKind.DateTimeOffset) return null;
        return $"{column} is not null and ({cast} is null or cast({cast} as {fileType}) is distinct from {column})";
    }

    private static string Name(ScalarKind kind) => new FeatureType(kind, IsNullable: false).ToString();
}
