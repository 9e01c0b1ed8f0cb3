using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

/// <summary>What <see cref="AggregateSql.Build"/> needs to compute a relation's aggregates for a table of key rows in one DuckDB statement.</summary>
/// <remarks>
/// Identifiers (<see cref="ForeignKeyColumn"/>, <see cref="OrderColumn"/>, <see cref="TimeColumn"/>, <see cref="KeysTable"/>
/// and the names <see cref="ChildColumn"/> returns) are quoted as single SQL identifiers, so they name a column or table
/// exactly and can never inject SQL. A child column used by an aggregate must hold the DuckDB type of its IR type
/// (<c>DuckDbSqlTranslator.SqlType</c>; durations as BIGINT microseconds); it is cast to that type.
/// </remarks>
/// <param name="ChildRowsSql">A SELECT producing the child rows, e.g. a resolver's SQL without parameters or <c>select * from reviews</c>.</param>
/// <param name="ForeignKeyColumn">The child column holding the parent key.</param>
/// <param name="OrderColumn">The child's primary key: row order for ties and <c>First</c>/<c>Last</c>.</param>
/// <param name="TimeColumn">The child's time column: a child row is visible to a key row when its time is at most the key row's as-of (a NULL time is never visible); null when every child row is visible.</param>
/// <param name="ChildColumn">Maps an IR child column name (e.g. <c>review.rating</c>) to the child SQL column name, or null when unknown (the aggregate is then untranslatable).</param>
/// <param name="KeysTable">A table with columns <c>__chalk_row INTEGER</c>, <c>__chalk_key</c> (the parent key's type) and <c>__chalk_as_of TIMESTAMP</c>, one row per key row.</param>
/// <param name="Aggregates">The aggregates of the relation to compute.</param>
/// <param name="KeyColumns">Extra columns of <see cref="KeysTable"/> that child expressions may read by name, with their IR
/// types: values computed once per key row (e.g. a window's start) instead of once per child row. Null: none.</param>
/// <param name="TextKey">Whether the key is text: the join then also compares the keys' bytes, so a collated foreign-key
/// column (<c>COLLATE NOCASE</c>) joins each child row only to its own parent.</param>
public sealed record AggregateSqlRequest(
    string ChildRowsSql,
    string ForeignKeyColumn,
    string OrderColumn,
    string? TimeColumn,
    Func<string, string?> ChildColumn,
    string KeysTable,
    IReadOnlyList<AggregateExpr> Aggregates,
    IReadOnlyDictionary<string, ExprType>? KeyColumns = null,
    bool TextKey = false)
{
    /// <summary>Throws when the request or one of its members is null, or a name is empty: every dialect's builder starts here.</summary>
    internal static void ThrowIfInvalid(AggregateSqlRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ChildRowsSql);
        ArgumentException.ThrowIfNullOrEmpty(request.ForeignKeyColumn);
        ArgumentException.ThrowIfNullOrEmpty(request.OrderColumn);
        ArgumentException.ThrowIfNullOrEmpty(request.KeysTable);
        ArgumentNullException.ThrowIfNull(request.ChildColumn);
        ArgumentNullException.ThrowIfNull(request.Aggregates);
    }
}
