using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Infrastructure;

/// <summary>A throwaway SQLite file for a fixture: SQL run on a fresh unpooled connection, deleted at the end.</summary>
public sealed class ScratchSqlite(string prefix)
{
    /// <summary>The file's path in the temp folder.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    /// <summary>The connection string a source opens it with.</summary>
    public string ConnectionString => "Data Source=" + Path;

    /// <summary>Runs <paramref name="sql"/> (DDL or inserts) and closes the connection, so nothing holds the file.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Deletes the file once every pooled connection to it is closed.</summary>
    public void Delete()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(Path);
    }
}
