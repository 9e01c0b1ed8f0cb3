namespace Chalk.Sql.Sources;

/// <summary>Creates the sources of one kind, the <c>"kind"</c> of a source in <c>chalk.json</c>.</summary>
/// <remarks>
/// DuckDB's provider is built in; the others come with their packages (<c>Chalk.Sqlite</c>, <c>Chalk.Sources.PostgreSql</c>,
/// <c>Chalk.Sources.BigQuery</c>), and <see cref="SqlSourceProviders"/> finds them. A kind of one's own: derive from this
/// class and register it (<see cref="SqlSourceProviders.Register"/>) before building the engine or loading the project.
/// </remarks>
public abstract class SqlSourceProvider
{
    /// <summary>The kind, lower case, e.g. <c>postgres</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The settings this kind reads (besides <c>kind</c> and <c>seed</c>), or null to take any. When given, a
    /// <c>chalk.json</c> setting outside it is an error naming it, so a mistyped setting is not silently ignored.</summary>
    public virtual IReadOnlyList<string>? SettingNames => null;

    /// <summary>Creates the source that <paramref name="source"/> declares.</summary>
    /// <exception cref="ChalkDefinitionException">A setting is missing or malformed; the message names the source and the setting.</exception>
    public abstract SqlSource Create(SqlSourceDeclaration source);

    /// <summary>Whether a <c>seed</c> script can build this kind's database file (a kind whose data is a local file).</summary>
    public virtual bool CanSeed => false;

    /// <summary>Runs <paramref name="seedScript"/> into a new database at <paramref name="databasePath"/> unless the file exists.</summary>
    /// <exception cref="ChalkDefinitionException">This kind cannot be seeded, or the script is missing or fails.</exception>
    public virtual void EnsureSeeded(string databasePath, string seedScript) => throw SourceSeeding.CannotSeed(Kind);
}
