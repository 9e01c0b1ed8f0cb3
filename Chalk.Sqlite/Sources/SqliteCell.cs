using Chalk.Expressions;
using Chalk.Sql.Arrow;
using SQLitePCL;

namespace Chalk.Sql.Sources;

/// <summary>One SQLite cell held until a result's column types are known: its storage class and value, numbers unboxed.</summary>
/// <param name="StorageClass">SQLite's storage class (<c>SQLITE_INTEGER</c>, <c>SQLITE_FLOAT</c>, …).</param>
/// <param name="Bits">The integer, or the real's bits.</param>
/// <param name="Reference">The text (a string) or the blob (a byte array).</param>
internal readonly record struct SqliteCell(int StorageClass, long Bits, object? Reference)
{
    /// <summary>Reads cell <paramref name="index"/> of the current row of <paramref name="statement"/>.</summary>
    public static SqliteCell Read(sqlite3_stmt statement, int index)
    {
        int storage = raw.sqlite3_column_type(statement, index);
        return storage switch
        {
            raw.SQLITE_NULL => new(storage, 0, null),
            raw.SQLITE_INTEGER => new(storage, raw.sqlite3_column_int64(statement, index), null),
            raw.SQLITE_FLOAT => new(storage, BitConverter.DoubleToInt64Bits(raw.sqlite3_column_double(statement, index)), null),
            raw.SQLITE_TEXT => new(storage, 0, raw.sqlite3_column_text(statement, index).utf8_to_string() ?? ""),
            _ => new(storage, 0, raw.sqlite3_column_blob(statement, index).ToArray()),
        };
    }

    /// <summary>Appends the cell to a column of <paramref name="kind"/> (see <see cref="SqliteCells"/>).</summary>
    public void AppendTo(SqliteColumnKind kind, ArrowColumnBuilder builder)
    {
        switch (StorageClass)
        {
            case raw.SQLITE_NULL: builder.AppendNull(); break;
            case raw.SQLITE_INTEGER: SqliteCells.AppendInteger(Bits, kind, builder); break;
            case raw.SQLITE_FLOAT: SqliteCells.AppendReal(BitConverter.Int64BitsToDouble(Bits), kind, builder); break;
            case raw.SQLITE_TEXT: SqliteCells.AppendText((string)Reference!, kind, builder); break;
            default: SqliteCells.AppendBlob((byte[])Reference!, kind, builder); break;
        }
    }
}
