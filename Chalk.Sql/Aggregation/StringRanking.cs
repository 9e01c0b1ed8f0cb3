namespace Chalk.Sql.Aggregation;

/// <summary>A table of string ranks that an aggregate statement joins, so that it orders strings as LINQ does (by the
/// query's culture) rather than by their UTF-8 bytes, as DuckDB would.</summary>
/// <remarks>
/// <para>
/// Before the statement runs, and in the same transaction, the runner executes <see cref="DistinctSql"/> (one BLOB
/// column: every distinct value the statement may order, as UTF-8 bytes), ranks those values in the culture's order
/// (<c>Utf8Ordinal.CultureRanks</c>: equal strings in the culture's eyes share a rank) and loads them as
/// <see cref="Table"/> with columns <c>v VARCHAR</c> (the value), <c>r INTEGER</c> (its rank), <c>f BOOLEAN</c> (true
/// for exactly one value of each rank) and <c>t BOOLEAN</c> (whether other values share its rank). The statement joins
/// on the values' bytes, so a collated column (<c>COLLATE NOCASE</c>) still finds each value's own rank; a value
/// without a rank fails the aggregate on its key row, never silently.
/// </para>
/// <para><c>DuckDbSource.QueryWithTablesAsync</c> does all this when given the statement's rankings.</para>
/// </remarks>
/// <param name="Table">The rank table's name in the statement.</param>
/// <param name="DistinctSql">The statement returning the values to rank: one BLOB column, no NULLs, no duplicates, in
/// byte order (so that whether the culture orders them as their bytes is one comparison per value).</param>
public sealed record StringRanking(string Table, string DistinctSql)
{
    /// <summary>The rank table's value column.</summary>
    public const string ValueColumn = "v";

    /// <summary>The rank table's rank column.</summary>
    public const string RankColumn = "r";

    /// <summary>The rank table's column that is true for one value per rank: the one a rank is turned back into.</summary>
    public const string FirstColumn = "f";

    /// <summary>The rank table's column that is true where distinct values share the rank.</summary>
    public const string TiedColumn = "t";

    /// <summary>The name of the rank table joined as <paramref name="alias"/> (<c>__rk0</c> → <c>__chalk_rank_0</c>).</summary>
    internal static string TableOf(string alias) => "__chalk_rank_" + alias["__rk".Length..];
}
