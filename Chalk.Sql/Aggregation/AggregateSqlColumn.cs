using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

/// <summary>Where a translated aggregate's result is in the statement's output.</summary>
/// <param name="Index">The aggregate's index in <see cref="AggregateSqlRequest.Aggregates"/>.</param>
/// <param name="Aggregate">The aggregate.</param>
/// <param name="ValueColumn">The value column's name.</param>
/// <param name="ErrorColumn">The error column's name, or null when no row can fail.</param>
public sealed record AggregateSqlColumn(int Index, AggregateExpr Aggregate, string ValueColumn, string? ErrorColumn);
