namespace Chalk.Sql.Sources;

/// <summary>Creates sources from a kind name and settings, as a project's <c>chalk.json</c> declares them.</summary>
public static class SqlSourceFactory
{
    /// <summary>The kinds <see cref="Create"/> understands.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["duckdb"];

    /// <summary>Creates a source of <paramref name="kind"/> from its settings.</summary>
    /// <param name="name">The source's name, for error messages.</param>
    /// <param name="kind">The kind: one of <see cref="Kinds"/>.</param>
    /// <param name="settings">The kind's settings (e.g. <c>path</c> for DuckDB), already free of <c>${ENV}</c> references.</param>
    /// <param name="baseDirectory">The folder relative paths are resolved against.</param>
    /// <exception cref="ChalkDefinitionException">The kind is unknown or a required setting is missing.</exception>
    public static SqlSource Create(string name, string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory)
    {
        switch (kind.ToLowerInvariant())
        {
            case "duckdb":
                if (settings.TryGetValue("connectionString", out var cs)) return new DuckDbSource(cs);
                var path = settings.TryGetValue("path", out var p) ? p : ":memory:";
                if (path != ":memory:") path = Path.GetFullPath(Path.Combine(baseDirectory, path));
                return new DuckDbSource("Data Source=" + path);
            default:
                throw new ChalkDefinitionException(
                    $"source '{name}' has unknown kind '{kind}'; known kinds: {string.Join(", ", Kinds)}");
        }
    }
}
