using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Sql.Sources;

namespace Chalk.Cli.Commands;

/// <summary>Reads <c>chalk query --input</c>'s file, CSV or Parquet, through DuckDB's readers: one column per input feature
/// (named by its path, cast to the feature's type) and the <c>--as-of</c> column as time stamps.</summary>
internal static class BatchInputFile
{
    public static async Task<RecordBatch> ReadAsync(string path, FeatureRegistry registry, string? asOf, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new ArgumentException($"--input '{path}' does not exist");
        bool csv = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => true,
            ".parquet" or ".pq" => false,
            var other => throw new ArgumentException($"--input '{path}': {(other.Length == 0 ? "no extension" : "'" + other + "'")} is not a batch file; give a .csv or .parquet file"),
        };
        // A quoted empty field ("") is an empty string and an unquoted one a null, as BatchOutput writes them; DuckDB's
        // default reads both as null.
        var reader = csv ? $"read_csv({Literal(path)}, header = true, allow_quoted_nulls = false)" : $"read_parquet({Literal(path)})";
        var origin = "--input " + path;
        await using var duckdb = new DuckDbSource("Data Source=:memory:");
        // DuckDB reads a time without an offset, and casts between TIMESTAMP and TIMESTAMPTZ, in the machine's zone; the
        // engine's rule is UTC, so the file is read as a UTC machine would read it.
        await duckdb.UseConnectionAsync(c =>
        {
            using var set = c.CreateCommand();
            set.CommandText = "SET GLOBAL TimeZone = 'UTC'";
            set.ExecuteNonQuery();
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        var columns = new List<(string Name, string Type)>();
        using (var described = await duckdb.QueryWithTablesAsync($"select column_name, column_type from (describe select * from {reader})", [], origin, cancellationToken)
            .ConfigureAwait(false))
        {
            foreach (var b in described.Batches)
            {
                var names = (StringArray)b.Column(0);
                var types = (StringArray)b.Column(1);
                for (int r = 0; r < b.Length; r++) columns.Add((names.GetString(r), types.GetString(r)));
            }
        }
        if (asOf is not null && !columns.Any(c => c.Name == asOf))
            throw new ArgumentException($"--as-of '{asOf}' is not a column of '{path}'; its columns are {string.Join(", ", columns.Select(c => c.Name))}");
        var features = columns.Where(c => c.Name != asOf).Select(c => (c.Name, Type: FeatureType(registry, path, c.Name))).ToList();
        if (csv && features.Count > 0)
        {
            // The sniffer's guess would decide what a feature's text means ("1e3" as a number, "1.5" rounded into a long):
            // feature columns are read as the text written, and cast to the feature's type below.
            reader = $"read_csv({Literal(path)}, header = true, allow_quoted_nulls = false, types = {{{string.Join(", ", features.Select(f => Literal(f.Name) + ": 'VARCHAR'"))}}})";
            columns = columns.Select(c => c.Name == asOf ? c : (c.Name, "VARCHAR")).ToList();
        }
        await LosslessCasts.CheckAsync(duckdb, reader, path, features.Select(f => (f.Name, columns.First(c => c.Name == f.Name).Type, f.Type)).ToList(), cancellationToken)
            .ConfigureAwait(false);
        var select = columns.Select(c => (c.Name == asOf ? AsOf(c.Name, c.Type) : $"cast({Identifier(c.Name)} as {LosslessCasts.SqlType(features.First(f => f.Name == c.Name).Type)})") + " as " + Identifier(c.Name));
        // Not disposed: the returned batch holds the result's arrays (the process ends after the query).
        var result = await duckdb.QueryWithTablesAsync($"select {string.Join(", ", select)} from {reader}", [], origin, cancellationToken).ConfigureAwait(false);
        var arrays = Enumerable.Range(0, result.Schema.FieldsList.Count)
            .Select(i => result.Batches.Count == 1 ? result.Batches[0].Column(i) : ArrowArrayConcatenator.Concatenate(result.Batches.Select(b => b.Column(i)).ToList())!)
            .ToList();
        int rows = result.Batches.Sum(b => b.Length);
        if (rows == 0) throw new ArgumentException($"--input '{path}' has no rows");
        return new RecordBatch(result.Schema, arrays, rows);
    }

    // The type of the feature a column names: "241" in a CSV or an INTEGER in a Parquet file is cast to it.
    private static ScalarKind FeatureType(FeatureRegistry registry, string path, string column)
    {
        var feature = registry.TryResolve(column, out var error)
            ?? throw new ArgumentException($"--input '{path}': column '{column}' is not a feature ({error}); name each column by an input feature's path, and give the time column with --as-of");
        if (feature.Feature.Type is not { } type) throw new ArgumentException($"--input '{path}': column '{column}' is a relation, not a value");
        return type.Kind;
    }

    // Each row's time as a wall-clock TIMESTAMP; an instant (TIMESTAMPTZ) is taken in UTC.
    private static string AsOf(string column, string type)
        => IsInstant(type) ? $"timezone('UTC', {Identifier(column)})" : $"cast({Identifier(column)} as TIMESTAMP)";

    private static bool IsInstant(string type) => type.StartsWith("TIMESTAMP WITH TIME ZONE", StringComparison.OrdinalIgnoreCase);

    internal static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
