namespace Chalk.Sql.Sources;

/// <summary>The <c>sqlite</c> source kind: <c>path</c> (relative to the project folder) or <c>connectionString</c>, and
/// optional <c>commandTimeoutSeconds</c>; a <c>seed</c> script builds the file when it is missing.</summary>
public sealed class SqliteSourceProvider : SqlSourceProvider
{
    /// <inheritdoc/>
    public override string Kind => "sqlite";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } = ["path", "connectionString", "commandTimeoutSeconds"];

    /// <inheritdoc/>
    public override bool CanSeed => true;

    /// <inheritdoc/>
    public override void EnsureSeeded(string databasePath, string seedScript) => SqliteSeeding.EnsureSeeded(databasePath, seedScript);

    /// <inheritdoc/>
    public override SqlSource Create(SqlSourceDeclaration source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var timeout = source.Seconds("commandTimeoutSeconds");
        if (source.Optional("connectionString") is { } cs) return new SqliteSource(cs, timeout);
        var path = source.Required("path");
        if (path != ":memory:") path = source.FullPath(path);
        return new SqliteSource("Data Source=" + path, timeout);
    }
}
