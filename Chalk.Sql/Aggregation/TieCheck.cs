namespace Chalk.Sql.Aggregation;

/// <summary>
/// The row LINQ picks among a group's passing rows whose string has the group's extreme culture rank, for the rare key
/// rows that need it: that rank is shared by distinct strings (<c>"ab"</c> and <c>"a\u00ADb"</c>), so the rank alone
/// does not say which of them is the answer (see <c>AggregateForm.RankedPick</c>).
/// </summary>
/// <param name="Column">The output column: the string of the first (or last) such row in row order; NULL for key rows not checked.</param>
/// <param name="Pass">The row's filter column, or null without a filter.</param>
/// <param name="Value">The row's string column.</param>
/// <param name="Rank">The row's rank column.</param>
/// <param name="Extreme">The group's extreme rank (a group column, read as <c>__g.</c>…).</param>
/// <param name="Last">Whether the last such row is picked (<c>OrderBy(k).Last()</c>) rather than the first.</param>
/// <param name="Need">Over the group columns: whether a key row needs the check.</param>
internal sealed record TieCheck(string Column, string? Pass, string Value, string Rank, string Extreme, bool Last, string Need);
