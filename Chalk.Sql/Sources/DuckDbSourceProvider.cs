using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>The built-in <c>duckdb</c> kind: <c>path</c> (default <c>:memory:</c>) or <c>connectionString</c>, and optional
/// <c>readOnly</c> (default <c>true</c>: a file opens read-only and must exist; <c>false</c> opens it for writes,
/// creating it when missing), <c>threads</c> (DuckDB's worker threads for the database; default one per core) and
/// <c>inMemoryRows</c> (on a read-only file, the most rows a resolver file may return to have its lookups answered from
/// memory; see <see cref="DuckDbSource.InMemoryRows"/>).</summary>
public sealed class DuckDbSourceProvider : SqlSourceProvider
{
    private const string Threads = "threads";
    private const string InMemoryRows = "inMemoryRows";

    /// <inheritdoc/>
    public override string Kind => "duckdb";

    /// <inheritdoc/>
    public override IReadOnlyList<string> SettingNames { get; } = ["path", "connectionString", "readOnly", Threads, InMemoryRows];

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
        int? threads = source.PositiveInteger(Threads);
        int rows = source.PositiveInteger(InMemoryRows) ?? 0;
        try
        {
            return Open(source, readOnly, threads, rows);
        }
        catch (InvalidOperationException) when (rows > 0)
        {
            // The source opens nothing until its first query, so there is nothing to dispose.
            throw source.Error($"setting '{InMemoryRows}' needs a read-only database file, whose rows cannot change while it is open; drop it, or drop \"readOnly\": \"false\" / the in-memory database");
        }
    }

    private static DuckDbSource Open(SqlSourceDeclaration source, bool? readOnly, int? threads, int inMemoryRows)
    {
        try
        {
            if (source.Optional("connectionString") is { } cs)
            {
                cs = WithThreads(cs, threads, source);
                return readOnly is bool explicitMode ? new DuckDbSource(cs, explicitMode) { InMemoryRows = inMemoryRows } : new DuckDbSource(cs) { InMemoryRows = inMemoryRows };
            }
        }
        catch (ArgumentException ex)
        {
            throw source.Error($"setting 'connectionString': {ex.Message}", ex);
        }
        var path = source.Optional("path") ?? ":memory:";
        if (path == ":memory:") return new DuckDbSource(WithThreads("Data Source=:memory:", threads, source)) { InMemoryRows = inMemoryRows };
        path = source.FullPath(path);
        if (readOnly != false && !File.Exists(path))
            throw source.Error(
                $"DuckDB database file '{path}' does not exist. A read-only source never creates its file: check " +
                "'path' (relative to the project folder), add a \"seed\" script that builds it, or set \"readOnly\": \"false\" to start an empty database");
        var builder = new DuckDBConnectionStringBuilder { DataSource = path };
        return new DuckDbSource(WithThreads(builder.ConnectionString, threads, source), readOnly ?? true) { InMemoryRows = inMemoryRows };
    }

    // DuckDB.NET hands connection-string options it does not know to DuckDB as configuration, so `threads` sizes the
    // database's scheduler (one database per file in a process; see docs/sources.md).
    private static string WithThreads(string connectionString, int? threads, SqlSourceDeclaration source)
    {
        if (threads is not int n) return connectionString;
        var builder = new DuckDBConnectionStringBuilder { ConnectionString = connectionString };
        if (builder.ContainsKey(Threads))
            throw source.Error("'threads' is given both as a setting and in 'connectionString'; say it once");
        builder[Threads] = n;
        return builder.ConnectionString;
    }
}
