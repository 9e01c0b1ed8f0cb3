namespace Chalk.Expressions;

/// <summary>The keys of the SQL dialects a function can declare a form for (<see cref="SqlForm.Dialect"/>).</summary>
public static class SqlDialect
{
    /// <summary>DuckDB: the scalar translation of lifted expressions and of pushed-down aggregates' arguments.</summary>
    public const string DuckDb = "duckdb";

    /// <summary>PostgreSQL: the expressions inside aggregates pushed down to a PostgreSQL source.</summary>
    public const string PostgreSql = "postgres";
}
