using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>Creates a DuckDB database file from a seed script the first time it is needed.</summary>
public static class DuckDbSeeding
{
    /// <summary>Runs <paramref name="seedScript"/> into a new database at <paramref name="databasePath"/> unless the file exists.</summary>
    /// <remarks>The script runs into a temporary file that is then moved into place, so a failed or concurrent seed never leaves a half-built database.</remarks>
    /// <exception cref="ChalkDefinitionException">The seed script is missing or fails; the message names it.</exception>
    public static void EnsureSeeded(string databasePath, string seedScript)
    {
        if (File.Exists(databasePath)) return;
        if (!File.Exists(seedScript))
            throw new ChalkDefinitionException($"seed script '{seedScript}' for database '{databasePath}' does not exist");
        var temp = databasePath + "." + Guid.NewGuid().ToString("N") + ".seeding";
        try
        {
            using (var connection = new DuckDBConnection("Data Source=" + temp))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = File.ReadAllText(seedScript);
                command.ExecuteNonQuery();
            }
            try
            {
                File.Move(temp, databasePath);
            }
            catch (IOException) when (File.Exists(databasePath))
            {
                // Another process seeded it first; theirs is identical.
            }
        }
        catch (DuckDBException ex)
        {
            throw new ChalkDefinitionException($"seed script failed: {ex.Message}", seedScript, null, ex);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            if (File.Exists(temp + ".wal")) File.Delete(temp + ".wal");
        }
    }
}
