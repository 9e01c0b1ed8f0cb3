using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Chalk.Expressions;
using Chalk.Sql.Arrow;
using SQLitePCL;

namespace Chalk.Sql.Sources;

/// <summary>Appends SQLite cells to Arrow column builders by their storage class, without boxing.</summary>
/// <remarks>
/// SQLite stores each value with its own storage class whatever the column declares, so a column declared
/// <c>INTEGER</c> may hold a real or text. The conversions are those a value read as an object got before (an integer
/// into a float column widens, text into an integer column is parsed, a real into an integer column is an
/// <see cref="InvalidCastException"/> naming it), applied per storage class: see <see cref="ArrowColumnBuilder"/> for
/// the general rules and these methods for SQLite's own (timestamps from Unix seconds or ISO-8601 text, no numbers in
/// text columns).
/// </remarks>
internal static class SqliteCells
{
    // DateTime.MinValue and the last whole second of DateTime.MaxValue, in seconds from the Unix epoch.
    private const long MinUnixSeconds = -62_135_596_800;
    private const long MaxUnixSeconds = 253_402_300_799;

    /// <summary>Appends cell <paramref name="index"/> of the current row of <paramref name="statement"/>, read through
    /// <see cref="SqliteNativeColumns"/> on <paramref name="handle"/> (the statement's raw handle, on which the caller
    /// holds a reference) or, when that is 0, through <see cref="raw"/>.</summary>
    public static void Append(sqlite3_stmt statement, nint handle, int index, SqliteColumnKind kind, ArrowColumnBuilder builder)
    {
        bool native = handle != 0;
        switch (native ? SqliteNativeColumns.Type(handle, index) : raw.sqlite3_column_type(statement, index))
        {
            case raw.SQLITE_NULL: builder.AppendNull(); break;
            case raw.SQLITE_INTEGER: AppendInteger(native ? SqliteNativeColumns.Int64(handle, index) : raw.sqlite3_column_int64(statement, index), kind, builder); break;
            case raw.SQLITE_FLOAT: AppendReal(native ? SqliteNativeColumns.Double(handle, index) : raw.sqlite3_column_double(statement, index), kind, builder); break;
            case raw.SQLITE_TEXT: AppendText(native ? SqliteNativeColumns.Text(handle, index) : Text(statement, index), kind, builder); break;
            default: AppendBlob(raw.sqlite3_column_blob(statement, index).ToArray(), kind, builder); break;
        }
    }

    /// <summary>Appends an integer cell.</summary>
    public static void AppendInteger(long value, SqliteColumnKind kind, ArrowColumnBuilder builder)
    {
        switch (kind)
        {
            case SqliteColumnKind.Timestamp:
                if (value is < MinUnixSeconds or > MaxUnixSeconds)
                    throw new InvalidCastException($"integer Unix seconds {value} are outside DateTime's range (0001-01-01 to 9999-12-31)");
                builder.AppendTimestamp(ArrowTypes.ToUnixMicroseconds(DateTime.UnixEpoch.AddSeconds(value)));
                break;
            case SqliteColumnKind.Text:
                throw new InvalidCastException($"a number {value} in a text column");
            default:
                builder.AppendInt64(value);
                break;
        }
    }

    /// <summary>Appends a real cell.</summary>
    public static void AppendReal(double value, SqliteColumnKind kind, ArrowColumnBuilder builder)
    {
        switch (kind)
        {
            case SqliteColumnKind.Timestamp:
                throw NotATimestamp(value);
            case SqliteColumnKind.Text:
                throw new InvalidCastException($"a number {value} in a text column");
            default:
                builder.AppendDouble(value);
                break;
        }
    }

    /// <summary>Appends a text cell given as UTF-8.</summary>
    public static void AppendText(ReadOnlySpan<byte> utf8, SqliteColumnKind kind, ArrowColumnBuilder builder)
    {
        if (kind == SqliteColumnKind.Timestamp) AppendText(Encoding.UTF8.GetString(utf8), kind, builder);
        else builder.AppendUtf8(utf8);
    }

    /// <summary>Appends a text cell.</summary>
    public static void AppendText(string text, SqliteColumnKind kind, ArrowColumnBuilder builder)
    {
        if (kind != SqliteColumnKind.Timestamp) builder.AppendString(text);
        else if (ArrowTypes.TryParseTimestamp(text, out var t)) builder.AppendTimestamp(ArrowTypes.ToUnixMicroseconds(t));
        else throw NotATimestamp(text);
    }

    /// <summary>Appends a blob cell: no column type takes one, so this names it in an <see cref="InvalidCastException"/>.</summary>
    public static void AppendBlob(byte[] blob, SqliteColumnKind kind, ArrowColumnBuilder builder)
    {
        if (kind == SqliteColumnKind.Timestamp) throw NotATimestamp(blob);
        builder.Append(blob);
    }

    // The pointer sqlite3_column_text returns is UTF-8 (converted by SQLite if the database is UTF-16) and valid until
    // the next step; sqlite3_column_bytes, called after it, is its length in bytes.
    private static ReadOnlySpan<byte> Text(sqlite3_stmt statement, int index)
    {
        var text = raw.sqlite3_column_text(statement, index);
        int length = raw.sqlite3_column_bytes(statement, index);
        return length == 0 ? [] : MemoryMarshal.CreateReadOnlySpan(ref Unsafe.AsRef(in text.GetPinnableReference()), length);
    }

    private static InvalidCastException NotATimestamp(object value)
        => new($"'{value}' is neither ISO-8601 text nor integer Unix seconds");
}
