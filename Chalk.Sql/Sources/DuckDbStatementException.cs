namespace Chalk.Sql.Sources;

/// <summary>DuckDB refused or failed a statement run through <see cref="DuckDbPreparedStatement"/>; the message is DuckDB's.</summary>
internal sealed class DuckDbStatementException(string message) : Exception(message);
