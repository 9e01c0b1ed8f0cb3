using System.Text;

namespace Chalk.Sql.Aggregation;

/// <summary>The one extra CTE that evaluates every <see cref="RunningCheck"/> of a statement.</summary>
/// <remarks>
/// It reads only the rows of key rows where some check is needed (rare: a sum whose positive or negative part leaves
/// the range), so when none is, its join has an empty side and DuckDB skips the work. All running totals share one
/// window (partition by key row, child order) and so one sort.
/// </remarks>
internal static class RunningChecks
{
    public const string Cte = "__chalk_running";

    public static string Sql(IReadOnlyList<RunningCheck> checks)
    {
        var firsts = new StringBuilder();
        foreach (var c in checks.Where(c => c.Distinct))
        {
            string partition = c.Pass is null ? $"__r, {c.Value}" : $"__r, {c.Pass}, {c.Value}";
            firsts.Append($", row_number() OVER (PARTITION BY {partition} ORDER BY {AggregateForm.Order}) AS {c.Column}_first");
        }
        var runs = new StringBuilder();
        var overflows = new StringBuilder();
        foreach (var c in checks)
        {
            string when = SqlText.And(c.Pass, c.Distinct ? $"{c.Column}_first = 1" : null);
            runs.Append($", sum(CASE WHEN {when} THEN {c.Value} END) OVER __w AS {c.Column}_run");
            overflows.Append($", min({AggregateForm.Order}) FILTER (WHERE NOT ({c.Column}_run BETWEEN {c.Low} AND {c.High})) AS {c.Column}");
        }
        string rows = $"SELECT *{firsts} FROM {AggregateParts.RowsOfKeysWhere(checks.Select(c => c.Need))}";
        string running = $"SELECT __r, {AggregateForm.Order}{runs} FROM ({rows}) __n " +
                         $"WINDOW __w AS (PARTITION BY __r ORDER BY {AggregateForm.Order} ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)";
        return $"SELECT __r{overflows} FROM ({running}) __t GROUP BY __r";
    }
}
