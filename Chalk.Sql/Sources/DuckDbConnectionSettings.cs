using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>A DuckDB connection string with the access mode <see cref="DuckDbSource"/> opens it in.</summary>
/// <param name="ConnectionString">The connection string to open, with <c>ACCESS_MODE</c> set for a read-only file.</param>
/// <param name="DataSource">The database: a file path (relative to the working directory) or <c>:memory:</c>.</param>
/// <param name="InMemory">Whether the database lives in memory.</param>
/// <param name="ReadOnly">Whether the database is opened read-only.</param>
internal sealed record DuckDbConnectionSettings(string ConnectionString, string DataSource, bool InMemory, bool ReadOnly)
{
    private const string AccessMode = "access_mode";

    /// <summary>Reads <paramref name="connectionString"/>; a file database is read-only unless <paramref name="readOnly"/>
    /// is false or (when it is null) the connection string sets <c>ACCESS_MODE</c> itself.</summary>
    /// <exception cref="ArgumentException">Not a DuckDB connection string, no data source, or the access mode is given twice.</exception>
    public static DuckDbConnectionSettings Parse(string connectionString, bool? readOnly)
    {
        DuckDBConnectionStringBuilder builder;
        try
        {
            builder = new DuckDBConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException($"'{connectionString}' is not a DuckDB connection string: {ex.Message}", nameof(connectionString), ex);
        }
        var dataSource = builder.DataSource;
        if (string.IsNullOrWhiteSpace(dataSource))
            throw new ArgumentException($"DuckDB connection string '{connectionString}' names no database; write Data Source=<file> or Data Source=:memory:", nameof(connectionString));
        bool inMemory = dataSource.StartsWith(DuckDBConnectionStringBuilder.InMemoryDataSource, StringComparison.OrdinalIgnoreCase);
        // DbConnectionStringBuilder's keys are case-insensitive, as DuckDB's option names are.
        bool explicitMode = builder.TryGetValue(AccessMode, out var mode);
        if (explicitMode && readOnly is not null)
            throw new ArgumentException($"DuckDB connection string '{connectionString}' sets ACCESS_MODE and readOnly is given too; say it once", nameof(connectionString));
        if (inMemory) return new(connectionString, dataSource, true, false);
        if (explicitMode)
            return new(connectionString, dataSource, false, string.Equals(Convert.ToString(mode, System.Globalization.CultureInfo.InvariantCulture), "read_only", StringComparison.OrdinalIgnoreCase));
        if (readOnly == false) return new(connectionString, dataSource, false, false);
        builder[AccessMode] = "READ_ONLY";
        return new(builder.ConnectionString, dataSource, false, true);
    }

    /// <summary>Whether <paramref name="dataSource"/> is a path on this machine (not <c>md:</c>, <c>s3://</c> or another URL).</summary>
    public static bool IsLocalFile(string dataSource)
        => !Uri.TryCreate(dataSource, UriKind.Absolute, out var uri) || uri.IsFile || (OperatingSystem.IsWindows() && uri.Scheme.Length == 1);
}
