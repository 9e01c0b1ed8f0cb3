namespace Chalk.Sql.Sources;

/// <summary>Creates a database file from a seed script the first time it is needed: the one place that knows which
/// source kinds can be seeded and how a half-built file is kept out of the way.</summary>
/// <remarks>The script runs into a temporary file next to the target, which is then moved into place, so a failed or
/// concurrent seed never leaves a half-built database; when another process wins the race, its file is kept (it was built
/// from the same script).</remarks>
public static class SourceSeeding
{
    /// <summary>The source kinds whose file a <c>seed</c> script can build.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["duckdb", "sqlite"];

    /// <summary>Runs <paramref name="seedScript"/> into a new database of <paramref name="kind"/> at
    /// <paramref name="databasePath"/> unless the file exists.</summary>
    /// <param name="kind">One of <see cref="Kinds"/>.</param>
    /// <param name="databasePath">The database file to create.</param>
    /// <param name="seedScript">The SQL script (statements separated by semicolons) that builds it.</param>
    /// <exception cref="ChalkDefinitionException">The kind cannot be seeded, or the seed script is missing or fails; the message names it.</exception>
    public static void EnsureSeeded(string kind, string databasePath, string seedScript)
    {
        ArgumentNullException.ThrowIfNull(kind);
        switch (kind.ToLowerInvariant())
        {
            case "duckdb":
                DuckDbSeeding.EnsureSeeded(databasePath, seedScript);
                break;
            case "sqlite":
                SqliteSeeding.EnsureSeeded(databasePath, seedScript);
                break;
            default:
                throw CannotSeed(kind);
        }
    }

    /// <summary>Whether <see cref="EnsureSeeded"/> can build a file for a source of <paramref name="kind"/>.</summary>
    public static bool CanSeed(string kind) => Kinds.Contains(kind, StringComparer.OrdinalIgnoreCase);

    internal static ChalkDefinitionException CannotSeed(string kind) => new(
        $"a '{kind}' source cannot be seeded; \"seed\" builds a database file for {string.Join(" and ", Kinds)} sources (seed a server yourself, e.g. with psql -f)");

    // Runs the script into a temporary file with `run` and moves it into place; `cleanUp` removes what the kind leaves
    // next to a database (a DuckDB WAL, SQLite's journal) and `isScriptError` says which exceptions are the script's fault.
    internal static void Seed(string databasePath, string seedScript, Action<string, string> run, Func<Exception, bool> isScriptError, params string[] companions)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        ArgumentNullException.ThrowIfNull(seedScript);
        if (File.Exists(databasePath)) return;
        if (!File.Exists(seedScript))
            throw new ChalkDefinitionException($"seed script '{seedScript}' for database '{databasePath}' does not exist");
        var temp = databasePath + "." + Guid.NewGuid().ToString("N") + ".seeding";
        try
        {
            run(temp, File.ReadAllText(seedScript));
            try
            {
                File.Move(temp, databasePath);
            }
            catch (IOException) when (File.Exists(databasePath))
            {
                // Another process seeded it first; theirs is identical.
            }
        }
        catch (Exception ex) when (isScriptError(ex))
        {
            throw new ChalkDefinitionException($"seed script failed: {ex.Message}", seedScript, null, ex);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            foreach (var suffix in companions)
            {
                if (File.Exists(temp + suffix)) File.Delete(temp + suffix);
            }
        }
    }
}
