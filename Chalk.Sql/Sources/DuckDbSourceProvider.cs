namespace Chalk.Sql.Sources;

/// <summary>The built-in <c>duckdb</c> kind: <c>path</c> (default <c>:memory:</c>) or <c>connectionString</c>, and optional
/// <c>readOnly</c> (default <c>true</c>: a file opens read-only and must exist; <c>false</c> opens it for writes,
/// creating it when missing).</summary>
public sealed class DuckDbSourceProvider : SqlSourceProvider
{
    /// <inheritdoc/>
    public override string Kind => "duckdb";

    /// <inheritdoc/>
    public override bool CanSeed => true;

    /// <inheritdoc/>
    public override void EnsureSeeded(string databasePath, string seedScript) => DuckDbSeeding.EnsureSeeded(databasePath, seedScript);

    // A file opens read-only unless "readOnly": "false" asks for writes, so that any number of processes can query it at
    // once (a writable open takes DuckDB's exclusive file lock), and a mistyped path is an error instead of a new empty
    // database.
    /// <inheritdoc/>
    public override SqlSource Create(SqlSourceDeclaration source)
    {
        ArgumentNullException.ThrowIfNull(source);
        bool? readOnly = source.Optional("readOnly") is { } text
            ? text.ToLowerInvariant() switch
            {
                "true" => true,
                "false" => false,
                _ => throw source.Error($"setting 'readOnly' must be 'true' or 'false', not '{text}'"),
            }
            : null;
        try
        {
            if (source.Optional("connectionString") is { } cs)
                return readOnly is bool explicitMode ? new DuckDbSource(cs, explicitMode) : new DuckDbSource(cs);
        }
        catch (ArgumentException ex)
        {
            throw source.Error($"setting 'connectionString': {ex.Message}", ex);
        }
        var path = source.Optional("path") ?? ":memory:";
        if (path == ":memory:") return new DuckDbSource("Data Source=:memory:");
        path = source.FullPath(path);
        if (readOnly != false && !File.Exists(path))
            throw source.Error(
                $"DuckDB database file '{path}' does not exist. A read-only source never creates its file: check " +
                "'path' (relative to the project folder), add a \"seed\" script that builds it, or set \"readOnly\": \"false\" to start an empty database");
        return new DuckDbSource("Data Source=" + path, readOnly ?? true);
    }
}
