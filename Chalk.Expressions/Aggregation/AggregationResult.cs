using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>The results of aggregating child rows per parent: one array and one row-error list per aggregate.</summary>
/// <remarks>Row numbers in the errors are parent rows. A failed parent's value is null, as for <see cref="EvaluationResult"/>.</remarks>
public sealed class AggregationResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="values">Per aggregate, one value per parent row.</param>
    /// <param name="rowErrors">Per aggregate, the failed parent rows, ascending.</param>
    public AggregationResult(IReadOnlyList<IArrowArray> values, IReadOnlyList<IReadOnlyList<RowError>> rowErrors)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rowErrors);
        if (values.Count != rowErrors.Count) throw new ArgumentException("one error list per value is required.", nameof(rowErrors));
        Values = values;
        RowErrors = rowErrors;
    }

    /// <summary>Per aggregate (in the order given), one value per parent row, of the aggregate's <see cref="Expr.Type"/>.</summary>
    public IReadOnlyList<IArrowArray> Values { get; }

    /// <summary>Per aggregate, the parent rows that failed with the message LINQ's exception would carry.</summary>
    public IReadOnlyList<IReadOnlyList<RowError>> RowErrors { get; }

    /// <summary>The number of aggregates.</summary>
    public int Count => Values.Count;

    /// <summary>One aggregate's values and row errors.</summary>
    /// <param name="index">The aggregate's position.</param>
    /// <returns>The result.</returns>
    public EvaluationResult this[int index] => new(Values[index], RowErrors[index]);

    /// <summary>Whether any parent row of any aggregate failed.</summary>
    public bool HasRowErrors => RowErrors.Any(e => e.Count > 0);
}
