using Apache.Arrow;
using DuckDB.NET.Data;
using DuckDB.NET.Native;

namespace Chalk.Sql.Sources;

/// <summary>Loads an Arrow batch into a DuckDB temporary table, a vector (2,048 rows) at a time: values are bound, never written into SQL.</summary>
/// <remarks>
/// Column types follow the expression IR's DuckDB forms (<c>DuckDbSqlTranslator.SqlType</c>): timestamps become
/// TIMESTAMP, durations BIGINT microseconds. Rows go through DuckDB's data-chunk appender: each column's Arrow buffer is
/// copied into the chunk's vector in one step where the layouts agree (integers, floats, microsecond timestamps), so a
/// million-row key table loads in milliseconds instead of the per-value appender's tenths of a second.
/// </remarks>
internal static class DuckDbTableLoader
{
    // How often (in chunks) a long load looks at the cancellation token.
    private const int CancellationStride = 32;

    /// <summary>Creates (or replaces) temporary table <paramref name="name"/> with <paramref name="rows"/>' schema and appends every row.</summary>
    /// <exception cref="NotSupportedException">A column's Arrow type has no DuckDB mapping here.</exception>
    /// <exception cref="DuckDbLoadException">DuckDB refused the appender or a chunk.</exception>
    /// <param name="connection">The connection whose temp catalog gets the table.</param>
    /// <param name="name">The table's name.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="cancellationToken">Interrupts loading.</param>
    /// <param name="existing">The column list of an empty table of that name the connection kept from an earlier load,
    /// or null: the same list appends to it (statements prepared against it stay valid), another creates it anew.</param>
    /// <returns>The table's column list, to pass back as <paramref name="existing"/> next time.</returns>
    public static string Load(DuckDBConnection connection, string name, RecordBatch rows, CancellationToken cancellationToken, string? existing = null)
    {
        var columns = rows.Schema.FieldsList.Select((f, i) => (Field: f, Column: DuckDbVectorWriter.For(rows.Column(i), f))).ToArray();
        var list = string.Join(", ", columns.Select(c => $"{Ident(c.Field.Name)} {c.Column.SqlType}"));
        if (list != existing)
        {
            using var create = connection.CreateCommand();
            create.CommandText = $"CREATE OR REPLACE TEMP TABLE {Ident(name)} ({list})";
            create.ExecuteNonQuery();
        }
        if (rows.Length == 0 || columns.Length == 0) return list;
        // The temp catalog named explicitly: found through the search path, DuckDB refuses to append when the database
        // file is attached read-only, although the table is temporary.
        if (NativeMethods.Appender.DuckDBAppenderCreateExt(connection.NativeConnection, "temp", "main", name, out var appender) == DuckDBState.Error)
        {
            using (appender) throw new DuckDbLoadException($"cannot append to table '{name}': {NativeMethods.Appender.DuckDBAppenderErrorData(appender).Message}");
        }
        using (appender)
        {
            using var chunk = CreateChunk(columns.Select(c => c.Column.Type));
            int vectorSize = (int)NativeMethods.Helpers.DuckDBVectorSize();
            for (int start = 0, n = 0; start < rows.Length; start += vectorSize, n++)
            {
                if (n % CancellationStride == 0) cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(vectorSize, rows.Length - start);
                NativeMethods.DataChunks.DuckDBDataChunkReset(chunk);
                for (int c = 0; c < columns.Length; c++) columns[c].Column.Write(NativeMethods.DataChunks.DuckDBDataChunkGetVector(chunk, c), start, count);
                NativeMethods.DataChunks.DuckDBDataChunkSetSize(chunk, (ulong)count);
                if (NativeMethods.Appender.DuckDBAppendDataChunk(appender, chunk) == DuckDBState.Error) throw Failed(appender, name);
            }
            if (NativeMethods.Appender.DuckDBAppenderClose(appender) == DuckDBState.Error) throw Failed(appender, name);
        }
        return list;
    }

    /// <summary>A quoted identifier, so that any table or column name is used exactly.</summary>
    public static string Ident(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static DuckDBDataChunk CreateChunk(IEnumerable<DuckDBType> types)
    {
        var logical = types.Select(NativeMethods.LogicalType.DuckDBCreateLogicalType).ToArray();
        try
        {
            // The chunk copies the types, so the handles can go right after.
            return NativeMethods.DataChunks.DuckDBCreateDataChunk(logical.Select(l => l.DangerousGetHandle()).ToArray(), (ulong)logical.Length);
        }
        finally
        {
            foreach (var l in logical) l.Dispose();
        }
    }

    private static DuckDbLoadException Failed(DuckDB.NET.Native.DuckDBAppender appender, string name)
        => new($"cannot load table '{name}': {NativeMethods.Appender.DuckDBAppenderErrorData(appender).Message}");
}
