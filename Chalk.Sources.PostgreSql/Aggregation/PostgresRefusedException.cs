namespace Chalk.Sql.Sources.Aggregation;

/// <summary>An expression or aggregate with no PostgreSQL form that answers exactly as C# does; the message says why.</summary>
internal sealed class PostgresRefusedException(string reason) : Exception(reason);
