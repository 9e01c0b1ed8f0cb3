using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>The results of a compiled set of expressions over one batch: one value and one row-error list per expression.</summary>
public sealed class EvaluationBatchResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="values">One value per expression.</param>
    /// <param name="rowErrors">One error list per expression, ascending by row.</param>
    public EvaluationBatchResult(IReadOnlyList<ColumnarValue> values, IReadOnlyList<IReadOnlyList<RowError>> rowErrors)
    {
        Values = values;
        RowErrors = rowErrors;
    }

    /// <summary>The values, in the order the expressions were compiled (arrays or scalars).</summary>
    public IReadOnlyList<ColumnarValue> Values { get; }

    /// <summary>Per expression, the rows that failed (their value is null).</summary>
    public IReadOnlyList<IReadOnlyList<RowError>> RowErrors { get; }

    /// <summary>The number of expressions.</summary>
    public int Count => Values.Count;

    /// <summary>The result of one expression as an array (a scalar is expanded).</summary>
    /// <param name="index">The expression's position.</param>
    /// <returns>The array.</returns>
    public IArrowArray GetArray(int index) => Values[index].ToArray();

    /// <summary>The result of one expression as an <see cref="EvaluationResult"/>.</summary>
    /// <param name="index">The expression's position.</param>
    /// <returns>Its values and row errors.</returns>
    public EvaluationResult this[int index] => new(GetArray(index), RowErrors[index]);

    /// <summary>Whether any row of any expression failed.</summary>
    public bool HasRowErrors => RowErrors.Any(e => e.Count > 0);
}
