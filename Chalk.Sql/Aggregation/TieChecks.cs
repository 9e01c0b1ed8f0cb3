namespace Chalk.Sql.Aggregation;

/// <summary>The one extra CTE that evaluates every <see cref="TieCheck"/> of a statement.</summary>
/// <remarks>
/// A string Min/Max (or an ordering that returns its own key) is an integer min/max of culture ranks in the main
/// aggregation, and the rank table gives the string back. Only where distinct strings share the winning rank must the
/// row order decide; this CTE reads the rows of just those key rows (usually none: then its join has an empty side and
/// DuckDB skips the work), next to their group's extreme rank.
/// </remarks>
internal static class TieChecks
{
    public const string Cte = "__chalk_ties";

    public static string Sql(IReadOnlyList<TieCheck> checks)
    {
        string picks = string.Concat(checks.Select(c =>
            $", {(c.Last ? "arg_max" : "arg_min")}(__t.{c.Value}, __t.{AggregateForm.Order}){SqlText.Filter(c.Pass is null ? null : "__t." + c.Pass, $"__t.{c.Rank} = {c.Extreme}")} AS {c.Column}"));
        return $"SELECT __t.__r{picks} FROM (SELECT * FROM {AggregateParts.RowsOfKeysWhere(checks.Select(c => c.Need))}) __t " +
               $"JOIN {AggregateParts.GroupsCte} {AggregateParts.Groups} ON {AggregateParts.Groups}.__r = __t.__r GROUP BY __t.__r";
    }
}
