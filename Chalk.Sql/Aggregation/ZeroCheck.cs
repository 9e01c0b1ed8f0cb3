namespace Chalk.Sql.Aggregation;

/// <summary>
/// The sign of the first zero in row order among a group's passing values, for the rare key rows that need it: a
/// float Min/Max (or distinct Average) that is zero while the group holds both -0 and +0 (see <c>AggregateForm.FirstZeroNegative</c>).
/// </summary>
/// <param name="Column">The output column: whether the first zero is -0; NULL for key rows not checked.</param>
/// <param name="Pass">The row's filter column, or null without a filter.</param>
/// <param name="Value">The row's value column.</param>
/// <param name="Need">Over the group columns: whether a key row needs the check.</param>
internal sealed record ZeroCheck(string Column, string? Pass, string Value, string Need);
