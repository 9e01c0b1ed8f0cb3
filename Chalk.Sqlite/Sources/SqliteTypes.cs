using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Arrow;
using Microsoft.Data.Sqlite;

namespace Chalk.Sql.Sources;

/// <summary>How a SQLite result column becomes an Arrow column.</summary>
internal enum SqliteColumnKind
{
    /// <summary>No usable declared type: the values decide.</summary>
    FromValues,
    /// <summary>Declared <c>BOOL…</c>: integers 0/1 become bool.</summary>
    Boolean,
    /// <summary>Declared with <c>INT</c> in its name: int64.</summary>
    Integer,
    /// <summary>Declared <c>REAL</c>, <c>FLOA…</c>, <c>DOUB…</c>: float64.</summary>
    Real,
    /// <summary>Declared <c>…CHAR…</c>, <c>CLOB</c>, <c>TEXT</c>: utf8.</summary>
    Text,
    /// <summary>Declared <c>DATE…</c>, <c>…TIME…</c>: timestamp, from ISO-8601 text or Unix seconds.</summary>
    Timestamp,
}

/// <summary>A result column of a prepared SQLite statement.</summary>
internal sealed record SqliteColumn(string Name, string? DeclaredType, SqliteColumnKind Kind);

/// <summary>SQLite's dynamic types mapped to the engine's Arrow types.</summary>
/// <remarks>
/// <para>SQLite stores each value with its own storage class (integer, real, text, blob, null), and reports a
/// declared type only for a result column that is a plain column of a table. The rule, in order:</para>
/// <list type="number">
/// <item>A declared type containing <c>BOOL</c> → bool; containing <c>DATE</c> or <c>TIME</c> → timestamp.</item>
/// <item>Otherwise SQLite's own affinity rules on the declared type: <c>INT</c> → int64;
/// <c>CHAR</c>/<c>CLOB</c>/<c>TEXT</c> → utf8; <c>REAL</c>/<c>FLOA</c>/<c>DOUB</c> → float64.</item>
/// <item>No declared type (an expression), or <c>BLOB</c>/<c>NUMERIC</c>/<c>DECIMAL</c>: the values of the whole
/// result decide: only integers → int64; integers and reals → float64; only text → utf8; only nulls (or no
/// rows) → Arrow null. Text mixed with numbers, and blobs, are errors naming the column.</item>
/// </list>
/// </remarks>
internal static class SqliteTypes
{
    public static SqliteColumnKind FromDeclared(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared)) return SqliteColumnKind.FromValues;
        var t = declared.ToUpperInvariant();
        if (t.Contains("BOOL", StringComparison.Ordinal)) return SqliteColumnKind.Boolean;
        if (t.Contains("DATE", StringComparison.Ordinal) || t.Contains("TIME", StringComparison.Ordinal)) return SqliteColumnKind.Timestamp;
        if (t.Contains("INT", StringComparison.Ordinal)) return SqliteColumnKind.Integer;
        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal))
            return SqliteColumnKind.Text;
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal))
            return SqliteColumnKind.Real;
        return SqliteColumnKind.FromValues;
    }

    public static IArrowType? ArrowTypeOf(SqliteColumnKind kind) => kind switch
    {
        SqliteColumnKind.Boolean => BooleanType.Default,
        SqliteColumnKind.Integer => Int64Type.Default,
        SqliteColumnKind.Real => DoubleType.Default,
        SqliteColumnKind.Text => StringType.Default,
        SqliteColumnKind.Timestamp => ArrowTypes.Timestamp,
        _ => null,
    };

    public static Schema? Describe(IReadOnlyList<SqliteColumn> columns)
    {
        var fields = new List<Field>(columns.Count);
        foreach (var c in columns)
        {
            var type = ArrowTypeOf(c.Kind);
            if (type is null) return null;
            fields.Add(new Field(c.Name, type, true));
        }
        return new Schema(fields, null);
    }

    /// <summary>The result schema (with the row column) when every column's type is declared, else <see langword="null"/>.</summary>
    public static Schema? DeclaredResultSchema(IReadOnlyList<SqliteColumn> columns)
        => columns.All(c => ArrowTypeOf(c.Kind) is not null)
            ? ResultBatchBuilder.SchemaOf(columns.Select(c => c.Name).ToArray(), columns.Select(c => ArrowTypeOf(c.Kind)!).ToArray())
            : null;

    public static string FormatTimestamp(DateTime utc)
        => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture);

    public static bool IsTransient(SqliteException ex) => ex.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED or SQLitePCL.raw.SQLITE_CANTOPEN
            or SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_PROTOCOL => true,
        _ => false,
    };
}
