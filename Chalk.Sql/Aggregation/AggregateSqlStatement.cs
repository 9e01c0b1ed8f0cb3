using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

/// <summary>One statement computing every translatable aggregate of a request, and the aggregates it leaves out.</summary>
/// <remarks>
/// The statement returns one row per key row, in no particular order (its first column, <c>__chalk_row</c>, says
/// which), including key rows without visible children (they get the empty-set result). Each translated aggregate has
/// a value column of the DuckDB type of its IR type, NULL where the row fails, and, when it can fail, a VARCHAR error
/// column holding .NET's message where it fails and NULL elsewhere.
/// </remarks>
/// <param name="Sql">The statement; null when no aggregate is translatable.</param>
/// <param name="Columns">The output columns of each translated aggregate, in request order.</param>
/// <param name="Untranslatable">The aggregates left out, with the reason; the caller computes them another way.</param>
public sealed record AggregateSqlStatement(
    string? Sql,
    IReadOnlyList<AggregateSqlColumn> Columns,
    IReadOnlyList<UntranslatableAggregate> Untranslatable)
{
    /// <summary>A BOOLEAN output column that is true on key rows the statement cannot answer exactly (e.g. a float sum
    /// that may overflow in LINQ's order); the dialect leaves those rows out and the caller computes them another way.
    /// Null when every row is answered.</summary>
    public string? RecheckColumn { get; init; }

    /// <summary>The rank tables the statement joins to order strings in the query's culture; they must be loaded before
    /// it runs (<see cref="StringRanking"/>). Empty when it orders no string.</summary>
    public IReadOnlyList<StringRanking> Rankings { get; init; } = [];

    /// <summary>The statement with every string ordering comparing UTF-8 bytes instead of joining a rank table; null
    /// when it orders no string, or when some ordering needs its ranks anyway (a string key ordering another value).</summary>
    /// <remarks>It returns the same rows as <see cref="Sql"/> where the culture orders every set of strings the rankings'
    /// queries return exactly as their bytes, no two of them equal, and those queries read the same rows as the
    /// statement (deterministic SQL in one transaction): codes, plates, postcodes and identifiers usually do, and the
    /// statement then skips loading and joining the rank tables. <c>DuckDbSource</c> checks both before running it.</remarks>
    public string? BytesSql { get; init; }
}
