namespace Chalk.Sql.Sources;

/// <summary>Creates a database file from a seed script the first time it is needed: the one place that knows which
/// source kinds can be seeded and how a half-built file is kept out of the way.</summary>
/// <remarks>The script runs into a temporary file next to the target, which is then moved into place, so a failed or
/// concurrent seed never leaves a half-built database; when another process wins the race, its file is kept (it was built
/// from the same script).</remarks>
public static class SourceSeeding
{
    /// <summary>The source kinds whose file a <c>seed</c> script can build, among those this application can create.</summary>
    public static IReadOnlyList<string> Kinds
        => [.. SqlSourceProviders.Kinds.Where(k => SqlSourceProviders.TryGet(k, out var p) && p.CanSeed)];

    /// <summary>Runs <paramref name="seedScript"/> into a new database of <paramref name="kind"/> at
    /// <paramref name="databasePath"/> unless the file exists.</summary>
    /// <param name="kind">One of <see cref="Kinds"/>.</param>
    /// <param name="databasePath">The database file to create.</param>
    /// <param name="seedScript">The SQL script (statements separated by semicolons) that builds it.</param>
    /// <exception cref="ChalkDefinitionException">The kind cannot be seeded (or its package is not referenced), or the
    /// seed script is missing or fails; the message names it.</exception>
    public static void EnsureSeeded(string kind, string databasePath, string seedScript)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var provider = SqlSourceProviders.Get(kind);
        if (!provider.CanSeed) throw CannotSeed(kind);
        provider.EnsureSeeded(databasePath, seedScript);
    }

    /// <summary>Whether <see cref="EnsureSeeded"/> can build a file for a source of <paramref name="kind"/>.</summary>
    public static bool CanSeed(string kind) => SqlSourceProviders.TryGet(kind, out var provider) && provider.CanSeed;

    internal static ChalkDefinitionException CannotSeed(string kind) => new(
        $"a '{kind}' source cannot be seeded; \"seed\" builds a database file for {string.Join(" and ", Kinds)} sources (seed a server yourself, e.g. with psql -f)");

    /// <summary>Runs a seed script into a new database file the way every seedable kind does: into a temporary file
    /// next to <paramref name="databasePath"/>, then moved into place; for a provider's
    /// <see cref="SqlSourceProvider.EnsureSeeded"/>.</summary>
    /// <param name="databasePath">The database file to create; nothing happens when it exists.</param>
    /// <param name="seedScript">The script's path.</param>
    /// <param name="run">Runs the script's text into the database file it is given.</param>
    /// <param name="isScriptError">Which exceptions of <paramref name="run"/> are the script's fault (reported as such).</param>
    /// <param name="companions">Suffixes of the files the kind leaves next to a database (a DuckDB WAL, SQLite's journal).</param>
    /// <exception cref="ChalkDefinitionException">The script is missing or fails.</exception>
    public static void Seed(string databasePath, string seedScript, Action<string, string> run, Func<Exception, bool> isScriptError, params string[] companions)
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
