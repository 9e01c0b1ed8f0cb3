using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>
/// Computes <see cref="AggregateExpr"/>s in process over Arrow child rows: the path for aggregates with no faithful SQL
/// form or whose relation is not in DuckDB. Results are LINQ to objects' (docs/aggregations.md), value for value and
/// error for error.
/// </summary>
/// <remarks>
/// <para>
/// The child expressions (values, filters, ordering keys) are compiled together and evaluated vectorized over the whole
/// child batch; the children are then grouped per parent in primary-key order and each aggregate runs a tight loop per
/// parent over the typed value buffers, reading a child expression's result (and so its error) only on the rows where
/// LINQ would call that selector or predicate.
/// </para>
/// <para>
/// String values and keys order as <see cref="Comparer{T}.Default"/> orders them: by the collation of
/// <see cref="System.Globalization.CultureInfo.CurrentCulture"/> when <c>Aggregate</c> runs (it flows with the query),
/// so distinct strings can tie and ties keep row order; <c>Distinct</c> compares strings ordinally, as LINQ does. Integer <c>Sum</c>/<c>Average</c> overflow where LINQ's checked running total does, as in the SQL translation.
/// </para>
/// </remarks>
public static class ArrowAggregator
{
    /// <summary>Aggregates child rows per parent row.</summary>
    /// <param name="childRows">
    /// The child rows in any order: columns named as the aggregates' child columns (e.g. <c>review.rating</c>), the
    /// primary key <paramref name="orderColumn"/>, and <see cref="AggregateExpr.AsOfColumn"/> if a filter uses it.
    /// </param>
    /// <param name="parentOfChild">Per child row, the index of its parent row, or -1 to leave the row out.</param>
    /// <param name="parentCount">The number of parent rows (the length of every result).</param>
    /// <param name="orderColumn">The child's primary key: LINQ's row order for ties and <c>First</c>/<c>Last</c>; must have no nulls.</param>
    /// <param name="aggregates">The aggregates to compute (usually every aggregate over one relation).</param>
    /// <param name="cancellationToken">Cancels a long aggregation.</param>
    /// <returns>Per aggregate, one value per parent row and the failed parent rows.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, an aggregate's type does not fit its kind, or the inputs disagree in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A parent index is outside <c>-1..parentCount-1</c>.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static AggregationResult Aggregate(RecordBatch childRows, ReadOnlySpan<int> parentOfChild, int parentCount, string orderColumn,
        IReadOnlyList<AggregateExpr> aggregates, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(childRows);
        return Compile(aggregates, childRows.Schema, orderColumn).Aggregate(childRows, parentOfChild, parentCount, cancellationToken);
    }

    /// <summary>Compiles aggregates once for repeated use on batches of one schema.</summary>
    /// <param name="aggregates">The aggregates.</param>
    /// <param name="childSchema">The schema of the child batches.</param>
    /// <param name="orderColumn">The child's primary key column.</param>
    /// <returns>The compiled aggregation.</returns>
    /// <exception cref="ArgumentException">A column is missing or mistyped, or an aggregate's type does not fit its kind.</exception>
    public static CompiledAggregation Compile(IReadOnlyList<AggregateExpr> aggregates, Schema childSchema, string orderColumn)
        => new(aggregates, childSchema, orderColumn);
}
