namespace Chalk.Sql.Aggregation;

/// <summary>An aggregate has no faithful DuckDB form; the message is the reason reported to the caller.</summary>
internal sealed class AggregateRefusedException(string reason) : Exception(reason);
