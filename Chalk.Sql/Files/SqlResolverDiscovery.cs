namespace Chalk.Sql.Files;

/// <summary>Finds and parses every <c>*.chalk.sql</c> file under a folder, recursively, in a stable order.</summary>
public static class SqlResolverDiscovery
{
    /// <summary>The file name suffix of SQL resolvers.</summary>
    public const string Extension = ".chalk.sql";

    /// <summary>Parses every <c>*.chalk.sql</c> under <paramref name="directory"/>, sorted by path.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="ChalkDefinitionException">A file is malformed.</exception>
    public static IReadOnlyList<SqlResolverFile> Discover(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"SQL resolver folder '{directory}' does not exist");
        return Directory.EnumerateFiles(directory, "*" + Extension, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => SqlResolverParser.Parse(f, File.ReadAllText(f)))
            .ToList();
    }
}
