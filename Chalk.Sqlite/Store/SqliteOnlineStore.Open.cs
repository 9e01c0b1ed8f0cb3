using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Chalk.Store;

public sealed partial class SqliteOnlineStore
{
    // WITHOUT ROWID: the table is only ever looked up by its primary key, so the rows live in the key's b-tree.
    private const string CreateTableSql = $"""
        create table if not exists {TableName} (
            feature text not null,
            entity blob not null,
            value blob not null,
            expires_at integer,
            primary key (feature, entity)
        ) without rowid
        """;

    private const string CreateIndexSql =
        $"create index if not exists {TableName}_expires_at on {TableName} (expires_at) where expires_at is not null";

    private static readonly string[] s_columns = ["feature", "entity", "value", "expires_at"];

    private Writer OpenWriter()
    {
        var connection = Open("opening");
        try
        {
            Execute(connection, "pragma journal_mode = wal");
            Execute(connection, CreateTableSql);
            CheckLayout(connection);
            Execute(connection, CreateIndexSql);
            return new Writer(connection);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw OpenFailed(ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection with the settings every connection to the file shares.</summary>
    private SqliteConnection Open(string doing)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Per connection: wait for a checkpoint or another writer instead of failing at once; fsync at checkpoints only.
            Execute(connection, "pragma busy_timeout = 5000; pragma synchronous = normal");
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw doing == "opening" ? OpenFailed(ex) : Failed(doing, ex);
        }
    }

    private void CheckLayout(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select name from pragma_table_info($table) order by cid";
        command.Parameters.AddWithValue("$table", TableName);
        var columns = new List<string>();
        using (var reader = command.ExecuteReader())
            while (reader.Read()) columns.Add(reader.GetString(0));
        if (!columns.SequenceEqual(s_columns, StringComparer.OrdinalIgnoreCase))
            throw new ChalkStoreException(
                $"sqlite online store {_path}: its table {TableName} has columns ({string.Join(", ", columns)}), not " +
                $"({string.Join(", ", s_columns)}); the file belongs to something else: choose another path, or delete the file");
    }

    private ChalkStoreException OpenFailed(SqliteException ex)
    {
        string what = ex.SqliteErrorCode switch
        {
            raw.SQLITE_CANTOPEN => "cannot be opened or created; check that its folder exists and is writable, and that the path is not a folder",
            raw.SQLITE_NOTADB => "is not a SQLite database; choose another path, or delete the file",
            raw.SQLITE_CORRUPT => "is corrupt; delete it (the online store only caches values, which queries recompute)",
            raw.SQLITE_READONLY or raw.SQLITE_PERM or raw.SQLITE_AUTH => "is read-only; make the file and its folder writable",
            raw.SQLITE_BUSY or raw.SQLITE_LOCKED => "is locked by another process; stop it or choose another path",
            raw.SQLITE_FULL => "cannot grow: the disk is full",
            _ => "cannot be opened; check the file and its folder",
        };
        return new ChalkStoreException($"sqlite online store {_path} {what} ({ex.Message})", ex);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
