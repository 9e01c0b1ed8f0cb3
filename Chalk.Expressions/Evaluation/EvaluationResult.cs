using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>The result of evaluating one expression over a batch: the values and the rows that failed.</summary>
/// <remarks>A failed row's value is null.</remarks>
public sealed class EvaluationResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="values">One value per row.</param>
    /// <param name="rowErrors">Failed rows, ascending by row.</param>
    public EvaluationResult(IArrowArray values, IReadOnlyList<RowError> rowErrors)
    {
        Values = values;
        RowErrors = rowErrors;
    }

    /// <summary>One value per input row (null where the row failed).</summary>
    public IArrowArray Values { get; }

    /// <summary>The failed rows, ascending by row.</summary>
    public IReadOnlyList<RowError> RowErrors { get; }
}
