using Microsoft.Data.Sqlite;

namespace Chalk.Sql.Sources;

/// <summary>Creates a SQLite database file from a seed script the first time it is needed.</summary>
public static class SqliteSeeding
{
    /// <summary>Runs <paramref name="seedScript"/> into a new database at <paramref name="databasePath"/> unless the file exists.</summary>
    /// <remarks>The script runs in one transaction into a temporary file that is then moved into place, so a failed or
    /// concurrent seed never leaves a half-built database.</remarks>
    /// <exception cref="ChalkDefinitionException">The seed script is missing or fails; the message names it.</exception>
    public static void EnsureSeeded(string databasePath, string seedScript)
        => SourceSeeding.Seed(databasePath, seedScript, static (temp, script) =>
        {
            // Unpooled, so the file is closed (and can be moved) when the connection is disposed.
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString());
            connection.Open();
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = script;
            command.ExecuteNonQuery();
            transaction.Commit();
        }, static ex => ex is SqliteException, "-journal", "-wal", "-shm");
}
