namespace Chalk.Sql.Aggregation;

/// <summary>The one extra CTE that evaluates every <see cref="ZeroCheck"/> of a statement.</summary>
/// <remarks>
/// Finding the first zero in row order needs the child order column, and carrying it through the big join and
/// aggregation costs DuckDB more than everything else LINQ's zero rules need. So the main aggregation only counts
/// zeros by sign, which settles the sign unless both signs occur, and this CTE reads the rows of just those key rows
/// (usually none: then its join has an empty side and DuckDB skips the work).
/// </remarks>
internal static class ZeroChecks
{
    public const string Cte = "__chalk_zeros";

    public static string Sql(IReadOnlyList<ZeroCheck> checks)
    {
        string firsts = string.Concat(checks.Select(c =>
            $", arg_min(signbit({c.Value}), {AggregateForm.Order}){SqlText.Filter(c.Pass, $"{c.Value} = 0")} AS {c.Column}"));
        return $"SELECT __r{firsts} FROM {AggregateParts.RowsOfKeysWhere(checks.Select(c => c.Need))} GROUP BY __r";
    }
}
