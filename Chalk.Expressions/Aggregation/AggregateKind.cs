namespace Chalk.Expressions;

/// <summary>What an <see cref="AggregateExpr"/> computes over the rows of a has-many relation (LINQ's operator of the same name).</summary>
public enum AggregateKind
{
    /// <summary><c>Count()</c>/<c>LongCount()</c>: the rows passing the filter; with <see cref="AggregateExpr.Distinct"/>, the distinct values (null counts as one value).</summary>
    Count,
    /// <summary><c>Sum(selector)</c>: 0 on no rows; nulls skipped; integer sums fail the row on overflow (LINQ's sums are checked).</summary>
    Sum,
    /// <summary><c>Average(selector)</c>: nulls skipped; no values fails the row (non-nullable overloads) or gives null (nullable ones).</summary>
    Average,
    /// <summary><c>Min(selector)</c>: like <see cref="Average"/> on no values; NaN wins (LINQ's rule).</summary>
    Min,
    /// <summary><c>Max(selector)</c>: like <see cref="Average"/> on no values; NaN loses unless every value is NaN (LINQ's rule).</summary>
    Max,
    /// <summary><c>Any(predicate)</c>: whether some row passes the filter.</summary>
    Any,
    /// <summary><c>All(predicate)</c>: whether every row passes <see cref="AggregateExpr.Value"/> (true on no rows); the filter selects the rows considered.</summary>
    All,
    /// <summary><c>MinBy(key)?.X</c>: <see cref="AggregateExpr.Value"/> of the first row with the smallest non-null key; null on no rows.</summary>
    MinBy,
    /// <summary><c>MaxBy(key)?.X</c>: <see cref="AggregateExpr.Value"/> of the first row with the largest non-null key; null on no rows.</summary>
    MaxBy,
    /// <summary><c>OrderBy(key).First()</c> (or <c>FirstOrDefault</c>, or <c>First()</c> in row order when there is no key): the value of the first row in the order.</summary>
    First,
    /// <summary><c>OrderBy(key).Last()</c> (or <c>LastOrDefault</c>, or <c>Last()</c> in row order): the value of the last row in the order.</summary>
    Last,
}
