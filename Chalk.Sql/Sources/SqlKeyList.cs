namespace Chalk.Sql.Sources;

/// <summary>The parts of a has-many fetch of many keys: a resolver file's rows whose key column is in the JSON list of
/// 64-bit integer keys bound to the statement's one slot (<see cref="SqlQuery.KeyList"/>).</summary>
/// <param name="Rows">The statement's shape: <c>select Columns from (File) as Alias where Condition</c>, the condition
/// being the source's key-list filter on <paramref name="KeySql"/>.</param>
/// <param name="KeySql">The key column as the condition reads it (qualified by the alias, quoted).</param>
/// <param name="KeyColumn">The key column's name among the result columns.</param>
public sealed record SqlKeyList(SqlFilteredRows Rows, string KeySql, string KeyColumn);
