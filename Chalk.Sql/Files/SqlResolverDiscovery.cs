namespace Chalk.Sql.Files;

/// <summary>Finds and parses every <c>*.chalk.sql</c> file under a folder, recursively, in a stable order.</summary>
public static class SqlResolverDiscovery
{
    /// <summary>The file name suffix of SQL resolvers.</summary>
    public const string Extension = ".chalk.sql";

    /// <summary>Parses every <c>*.chalk.sql</c> under <paramref name="directory"/>, sorted by path.</summary>
    /// <exception cref="ChalkDefinitionException">The folder does not exist.</exception>
    /// <exception cref="ChalkDefinitionException">A file is malformed.</exception>
    public static IReadOnlyList<SqlResolverFile> Discover(string directory)
    {
        if (!Directory.Exists(directory))
            throw MissingFolder(directory);
        return Directory.EnumerateFiles(directory, "*" + Extension, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => SqlResolverParser.Parse(f, File.ReadAllText(f)))
            .ToList();
    }

    /// <summary>The error for a resolver folder that does not exist: it names the folder as given and in full.</summary>
    internal static ChalkDefinitionException MissingFolder(string directory)
        => new($"SQL resolver folder '{directory}' does not exist (looked for {Path.GetFullPath(directory)}); create it or pass the folder that holds your *.chalk.sql files");
}
