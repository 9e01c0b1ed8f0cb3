using Chalk.Expressions;

namespace Chalk.Sql.Translation;

/// <summary>The outcome of translating an IR expression into a DuckDB scalar expression, or why it has no faithful form.</summary>
/// <remarks>
/// A successful translation has three SQL texts over the same columns:
/// <list type="bullet">
/// <item><see cref="ValueSql"/> never raises; on rows where .NET would fail it yields NULL.</item>
/// <item><see cref="ErrorSql"/> (only when <see cref="CanFail"/>) is a VARCHAR that is NULL where the row succeeds and
/// the .NET exception message where it fails; a caller that needs to know which rows fail selects it beside
/// <see cref="ValueSql"/>.</item>
/// <item><see cref="Sql"/> is <see cref="ValueSql"/> when the expression cannot fail, otherwise a CASE that calls
/// DuckDB's <c>error(message)</c> on failing rows, so the whole query fails as soon as one row would fail in .NET.</item>
/// </list>
/// </remarks>
public sealed class SqlTranslation
{
    private SqlTranslation(ExprType type, string? valueSql, string? errorSql, string? reason, bool mayBeNull = true)
    {
        Type = type;
        MayBeNull = mayBeNull;
        ValueSql = valueSql;
        ErrorSql = errorSql;
        FailureReason = reason;
    }

    internal static SqlTranslation Success(ExprType type, string valueSql, string? errorSql, bool mayBeNull) => new(type, valueSql, errorSql, null, mayBeNull);

    internal static SqlTranslation Failure(ExprType type, string reason) => new(type, null, null, reason);

    /// <summary>Whether the expression has a faithful DuckDB form.</summary>
    public bool Succeeded => FailureReason is null;

    /// <summary>The IR type of the expression (the SQL result has the matching DuckDB type).</summary>
    public ExprType Type { get; }

    /// <summary>Why there is no faithful form, naming the node; null on success.</summary>
    public string? FailureReason { get; }

    /// <summary>Whether <see cref="ValueSql"/> can be NULL on a row that does not fail (true when unknown or when translation failed).</summary>
    public bool MayBeNull { get; }

    /// <summary>Whether some row can fail (the IR would report a row error); false when <see cref="Succeeded"/> is false.</summary>
    public bool CanFail => ErrorSql is not null;

    /// <summary>The value expression; never raises, NULL on rows that fail in .NET. Null when translation failed.</summary>
    public string? ValueSql { get; }

    /// <summary>A VARCHAR expression giving the row's error message, or NULL where the row succeeds; null when the expression cannot fail.</summary>
    public string? ErrorSql { get; }

    /// <summary>The value expression that raises (DuckDB <c>error</c>) with .NET's message on failing rows; null when translation failed.</summary>
    public string? Sql => ValueSql is null
        ? null
        : ErrorSql is null ? ValueSql : $"CASE WHEN ({ErrorSql}) IS NOT NULL THEN error({ErrorSql}) ELSE {ValueSql} END";

    /// <summary>The SQL, or throws with <see cref="FailureReason"/>.</summary>
    /// <returns>The raising SQL text.</returns>
    /// <exception cref="InvalidOperationException">The translation failed.</exception>
    public string GetSqlOrThrow() => Sql ?? throw new InvalidOperationException(FailureReason);

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? Sql! : "untranslatable: " + FailureReason;
}
