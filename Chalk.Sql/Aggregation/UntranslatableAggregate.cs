using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

/// <summary>An aggregate with no faithful DuckDB form.</summary>
/// <param name="Index">The aggregate's index in <see cref="AggregateSqlRequest.Aggregates"/>.</param>
/// <param name="Aggregate">The aggregate.</param>
/// <param name="Reason">Why, e.g. a refusal of the expression translator or an unknown child column.</param>
public sealed record UntranslatableAggregate(int Index, AggregateExpr Aggregate, string Reason);
