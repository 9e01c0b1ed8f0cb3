using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>Creates a DuckDB database file from a seed script the first time it is needed.</summary>
public static class DuckDbSeeding
{
    /// <summary>Runs <paramref name="seedScript"/> into a new database at <paramref name="databasePath"/> unless the file exists.</summary>
    /// <remarks>The script runs into a temporary file that is then moved into place, so a failed or concurrent seed never leaves a half-built database.</remarks>
    /// <exception cref="ChalkDefinitionException">The seed script is missing or fails; the message names it.</exception>
    public static void EnsureSeeded(string databasePath, string seedScript)
        => SourceSeeding.Seed(databasePath, seedScript, static (temp, script) =>
        {
            using var connection = new DuckDBConnection("Data Source=" + temp);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = script;
            command.ExecuteNonQuery();
        }, static ex => ex is DuckDBException, ".wal");
}
