namespace Chalk.Sql.Sources;

/// <summary>DuckDB refused rows loaded into a temporary table; the caller turns it into a <see cref="ChalkResolverException"/> naming its origin.</summary>
internal sealed class DuckDbLoadException(string message) : Exception(message);
