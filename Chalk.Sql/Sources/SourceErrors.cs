namespace Chalk.Sql.Sources;

/// <summary>The resolver exceptions every source raises, worded alike.</summary>
internal static class SourceErrors
{
    /// <summary>The source failed while running <paramref name="query"/>.</summary>
    /// <param name="query">The statement; its origin names the resolver.</param>
    /// <param name="source">The source's kind and what it points at, e.g. <c>postgres source 127.0.0.1:5432/shop</c>.</param>
    /// <param name="isTransient">Whether retrying may succeed.</param>
    /// <param name="inner">The provider's exception.</param>
    public static ChalkResolverException Failed(SqlQuery query, string source, bool isTransient, Exception inner)
        => new($"{query.Origin}: {source} failed{(isTransient ? " (transient, retry may succeed)" : "")}: {inner.Message}", isTransient, inner);

    /// <summary>A result value cannot become its column's Arrow type.</summary>
    public static ChalkResolverException BadValue(SqlQuery query, string source, string column, string columnType, Exception inner)
        => new($"{query.Origin}: {source} returned a value in column '{column}' that does not fit its type {columnType}: {inner.Message}", false, inner);

    /// <summary>A result column's provider type has no Arrow mapping.</summary>
    public static ChalkResolverException UnsupportedColumn(SqlQuery query, string source, string column, string providerType)
        => new($"{query.Origin}: {source} returned column '{column}' of type {providerType}, which has no feature type; " +
               "cast it in the SQL to a boolean, integer, floating-point, text or timestamp type", false);
}
