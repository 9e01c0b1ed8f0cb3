using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Audit;

/// <summary>How the audits write their generated rows into DuckDB and SQLite.</summary>
internal static class AuditRows
{
    /// <summary>A string for DuckDB.NET's appender as its bytes: its string appender stops at a NUL, its bytes appender
    /// keeps the whole string.</summary>
    public static byte[]? Utf8(string? text) => text is null ? null : System.Text.Encoding.UTF8.GetBytes(text);

    /// <summary>A time stamp as SQLite text, to the microsecond, whatever the current culture.</summary>
    public static string? Text(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A SQLite database file at <paramref name="path"/> made by <paramref name="schema"/> and filled by
    /// <paramref name="insert"/> in one transaction, and a source over it.</summary>
    public static async Task<Chalk.Sql.Sources.SqliteSource> SqliteAsync(string path, string schema, Func<SqliteConnection, Task> insert)
    {
        await using (var conn = new SqliteConnection("Data Source=" + path))
        {
            await conn.OpenAsync();
            using (var cmd = conn.CreateCommand())
            {
                cmd.CommandText = schema;
                await cmd.ExecuteNonQueryAsync();
            }
            await using var tx = await conn.BeginTransactionAsync();
            await insert(conn);
            await tx.CommitAsync();
        }
        return new Chalk.Sql.Sources.SqliteSource("Data Source=" + path);
    }

    /// <summary>Inserts one row of <paramref name="values"/> into <paramref name="table"/>, every value bound.</summary>
    public static async Task InsertAsync(SqliteConnection conn, string table, params object?[] values)
    {
        using var cmd = conn.CreateCommand();
        cmd.CommandText = $"insert into {table} values ({string.Join(", ", values.Select((_, i) => "$p" + i))})";
        for (int i = 0; i < values.Length; i++) cmd.Parameters.AddWithValue("$p" + i, values[i] ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync();
    }
}
