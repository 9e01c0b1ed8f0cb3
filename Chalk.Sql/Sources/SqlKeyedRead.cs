using Chalk.Sql.Templates;

namespace Chalk.Sql.Sources;

/// <summary>What a statement the engine wrapped around a resolver file asks for: the file's rows whose
/// <paramref name="KeyColumn"/> is exactly the statement's one parameter (a text key byte for byte), with
/// <paramref name="Columns"/>.</summary>
/// <remarks>A source may answer such a statement without running it, from rows it holds (see
/// <see cref="DuckDbSource.InMemoryRows"/>), when that answer is the statement's own.</remarks>
/// <param name="File">The resolver file's SQL, without the engine's wrapping.</param>
/// <param name="KeyColumn">The file's result column the rows are filtered by.</param>
/// <param name="Columns">The result columns, in order; null for all of the file's.</param>
public sealed record SqlKeyedRead(SqlTemplate File, string KeyColumn, IReadOnlyList<string>? Columns)
{
    // Made once, with the plan: the file's rows held for this key column are found by it on every call.
    internal string HeldId { get; } = File + "\u0001" + KeyColumn;

    // Likewise the result columns, which a held file's shapes are found by.
    internal string ColumnsId { get; } = Columns is null ? "*" : string.Join('\u0001', Columns);
}
