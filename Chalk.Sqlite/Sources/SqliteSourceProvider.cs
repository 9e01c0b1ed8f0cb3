namespace Chalk.Sql.Sources;

/// <summary>The <c>sqlite</c> source kind: <c>path</c> (relative to the project folder) or <c>connectionString</c>, and
/// optional <c>commandTimeoutSeconds</c> and <c>pageCacheMiB</c> (<see cref="SqliteSource.PageCacheMiB"/>); a <c>seed</c>
/// script builds the file when it is missing.</summary>
public sealed class SqliteSourceProvider : SqlSourceProvider
{
    private const string PageCache = "pageCacheMiB";

    /// <inheritdoc/>
    public override string Kind => "sqlite";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } = ["path", "connectionString", "commandTimeoutSeconds", PageCache];

    /// <inheritdoc/>
    public override bool CanSeed => true;

    /// <inheritdoc/>
    public override void EnsureSeeded(string databasePath, string seedScript) => SqliteSeeding.EnsureSeeded(databasePath, seedScript);

    /// <inheritdoc/>
    public override SqlSource Create(SqlSourceDeclaration source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var timeout = source.Seconds("commandTimeoutSeconds");
        int cache = source.PositiveInteger(PageCache) ?? SqliteSource.DefaultPageCacheMiB;
        if (source.Optional("connectionString") is { } cs) return new SqliteSource(cs, timeout) { PageCacheMiB = cache };
        var path = source.Required("path");
        if (path != ":memory:") path = source.FullPath(path);
        return new SqliteSource("Data Source=" + path, timeout) { PageCacheMiB = cache };
    }
}
