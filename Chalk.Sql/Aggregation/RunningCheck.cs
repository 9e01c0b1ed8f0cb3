namespace Chalk.Sql.Aggregation;

/// <summary>
/// Where a checked integer sum first leaves its range in row order: a window sum over the rows of the key rows that
/// need it, computed for all such sums in one extra pass (see <c>AggregateForm.CheckedSum</c>).
/// </summary>
/// <param name="Column">The output column: the child order value of the first out-of-range running total, NULL if none.</param>
/// <param name="Pass">The row's filter column, or null without a filter.</param>
/// <param name="Value">The row's value column.</param>
/// <param name="Distinct">Whether only each value's first occurrence among passing rows is added (<c>Distinct()</c>).</param>
/// <param name="Need">Over the group columns: whether a key row needs the check at all.</param>
/// <param name="Low">The accumulator's minimum.</param>
/// <param name="High">The accumulator's maximum.</param>
internal sealed record RunningCheck(string Column, string? Pass, string Value, bool Distinct, string Need, string Low, string High);
