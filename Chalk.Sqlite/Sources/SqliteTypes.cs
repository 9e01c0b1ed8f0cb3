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

    /// <param name="query">The statement, for error messages.</param>
    /// <param name="source">The source, for error messages.</param>
    /// <param name="columns">The statement's columns.</param>
    /// <param name="declared">The schema from <see cref="DeclaredResultSchema"/>, when there is one.</param>
    /// <param name="rows">The rows read, with their parameter row.</param>
    public static SqlResult Build(SqlQuery query, string source, IReadOnlyList<SqliteColumn> columns, Schema? declared, List<(int Row, object?[] Values)> rows)
    {
        ResultBatchBuilder builder;
        if (declared is not null)
        {
            builder = new ResultBatchBuilder(declared);
        }
        else
        {
            var types = new IArrowType[columns.Count];
            for (int c = 0; c < types.Length; c++)
                types[c] = ArrowTypeOf(columns[c].Kind) ?? Infer(query, source, columns[c], c, rows);
            builder = new ResultBatchBuilder(columns.Select(c => c.Name).ToArray(), types);
        }
        int column = 0;
        try
        {
            foreach (var (row, values) in rows)
            {
                builder.BeginRow(row);
                for (column = 0; column < values.Length; column++)
                    builder.Column(column).Append(Convert(columns[column].Kind, values[column]));
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            builder.Abandon();
            var type = builder.Schema.FieldsList[column + 1].DataType;
            throw SourceErrors.BadValue(query, source, columns[column].Name, Describe(columns[column], type), ex);
        }
        return builder.Build();
    }

    public static string FormatTimestamp(DateTime utc)
        => utc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture);

    public static bool IsTransient(SqliteException ex) => ex.SqliteErrorCode switch
    {
        SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED or SQLitePCL.raw.SQLITE_CANTOPEN
            or SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_PROTOCOL => true,
        _ => false,
    };

    private static object? Convert(SqliteColumnKind kind, object? value) => kind switch
    {
        SqliteColumnKind.Timestamp => value switch
        {
            long seconds => DateTime.UnixEpoch.AddSeconds(seconds),
            string text when ArrowTypes.TryParseTimestamp(text, out var t) => t,
            null => null,
            _ => throw new InvalidCastException($"'{value}' is neither ISO-8601 text nor integer Unix seconds"),
        },
        SqliteColumnKind.Text when value is long or double => throw new InvalidCastException($"a number {value} in a text column"),
        _ => value,
    };

    private static IArrowType Infer(SqlQuery query, string source, SqliteColumn column, int index, List<(int Row, object?[] Values)> rows)
    {
        bool integers = false, reals = false, texts = false;
        foreach (var (_, values) in rows)
        {
            switch (values[index])
            {
                case null: break;
                case long: integers = true; break;
                case double: reals = true; break;
                case string: texts = true; break;
                default: throw SourceErrors.UnsupportedColumn(query, source, column.Name, "BLOB");
            }
        }
        if (texts && (integers || reals))
            throw new ChalkResolverException($"{query.Origin}: {source} returned column '{column.Name}' mixing text and numbers; " +
                "cast it in the SQL (CAST(... AS TEXT) or AS REAL) so every row has one type", false);
        if (texts) return StringType.Default;
        if (reals) return DoubleType.Default;
        if (integers) return Int64Type.Default;
        return NullType.Default;
    }

    private static string Describe(SqliteColumn column, IArrowType type)
        => type.Name + (column.DeclaredType is null ? " (from its values)" : $" (declared {column.DeclaredType})");
}
