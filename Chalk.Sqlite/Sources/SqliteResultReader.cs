using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Arrow;
using SQLitePCL;

namespace Chalk.Sql.Sources;

/// <summary>Runs a prepared statement once per parameter row and reads its rows into Arrow batches.</summary>
/// <remarks>
/// When SQLite declares every result column's type (plain columns of tables), each cell goes straight from SQLite
/// into its column's builder. Otherwise a column's type depends on the values of the whole result, so the cells are
/// held (numbers unboxed) until the last row, the types are inferred (<see cref="SqliteTypes"/>), and the cells
/// are then appended the same way.
/// </remarks>
internal static class SqliteResultReader
{
    /// <param name="statement">The prepared statement.</param>
    /// <param name="parameters">The parameter rows.</param>
    /// <param name="rows">How many times to run: the parameter rows, or 1 without slots.</param>
    /// <param name="query">The statement, for error messages.</param>
    /// <param name="source">The source, for error messages.</param>
    /// <param name="cancellationToken">Checked before each parameter row.</param>
    /// <exception cref="ChalkResolverException">A value does not fit its column's type, or a column of undeclared
    /// type mixes text and numbers or holds a blob.</exception>
    /// <param name="filter">Drops rows as they are stepped (a key-list scan), or null.</param>
    public static SqlResult Read(SqliteStatement statement, RecordBatch parameters, int rows, SqlQuery query, string source,
        CancellationToken cancellationToken, SqliteKeyFilter? filter = null)
    {
        var columns = statement.Columns;
        if (statement.DeclaredSchema is null) return ReadUndeclared(statement, parameters, rows, query, source, cancellationToken, filter);
        var builder = new ResultBatchBuilder(statement.DeclaredSchema);
        var kinds = columns.Select(c => c.Kind).ToArray();
        var builders = Enumerable.Range(0, kinds.Length).Select(builder.Column).ToArray();
        int column = 0;
        // The handle stays referenced while its raw value is read from (SqliteNativeColumns).
        bool referenced = false;
        try
        {
            statement.Handle.DangerousAddRef(ref referenced);
            nint handle = SqliteNativeColumns.Available ? statement.Handle.DangerousGetHandle() : 0;
            for (int row = 0; row < rows; row++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                statement.Bind(parameters, row);
                try
                {
                    for (bool more = statement.First(); more; more = statement.Next())
                    {
                        if (filter is not null && !filter.Keeps(statement.Handle)) continue;
                        builder.BeginRow(row);
                        for (column = 0; column < kinds.Length; column++) SqliteCells.Append(statement.Handle, handle, column, kinds[column], builders[column]);
                    }
                }
                finally
                {
                    statement.Reset();
                }
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            builder.Abandon();
            throw BadValue(query, source, columns[column], builder.Schema.FieldsList[column + 1].DataType, ex);
        }
        catch
        {
            builder.Abandon();
            throw;
        }
        finally
        {
            if (referenced) statement.Handle.DangerousRelease();
        }
        return builder.Build();
    }

    private static SqlResult ReadUndeclared(SqliteStatement statement, RecordBatch parameters, int rows, SqlQuery query, string source,
        CancellationToken cancellationToken, SqliteKeyFilter? filter)
    {
        var columns = statement.Columns;
        var cells = new List<SqliteCell>();
        var rowOf = new List<int>();
        for (int row = 0; row < rows; row++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            statement.Bind(parameters, row);
            try
            {
                for (bool more = statement.First(); more; more = statement.Next())
                {
                    if (filter is not null && !filter.Keeps(statement.Handle)) continue;
                    rowOf.Add(row);
                    for (int c = 0; c < columns.Count; c++) cells.Add(SqliteCell.Read(statement.Handle, c));
                }
            }
            finally
            {
                statement.Reset();
            }
        }
        var types = new IArrowType[columns.Count];
        for (int c = 0; c < types.Length; c++)
            types[c] = SqliteTypes.ArrowTypeOf(columns[c].Kind) ?? Infer(query, source, columns[c], c, columns.Count, cells);
        var builder = new ResultBatchBuilder(columns.Select(c => c.Name).ToArray(), types);
        int column = 0;
        try
        {
            for (int r = 0; r < rowOf.Count; r++)
            {
                builder.BeginRow(rowOf[r]);
                for (column = 0; column < types.Length; column++)
                    cells[r * types.Length + column].AppendTo(columns[column].Kind, builder.Column(column));
            }
        }
        catch (Exception ex) when (ex is InvalidCastException or FormatException or OverflowException)
        {
            builder.Abandon();
            throw BadValue(query, source, columns[column], types[column], ex);
        }
        return builder.Build();
    }

    private static IArrowType Infer(SqlQuery query, string source, SqliteColumn column, int index, int width, List<SqliteCell> cells)
    {
        bool integers = false, reals = false, texts = false;
        for (int i = index; i < cells.Count; i += width)
        {
            switch (cells[i].StorageClass)
            {
                case raw.SQLITE_NULL: break;
                case raw.SQLITE_INTEGER: integers = true; break;
                case raw.SQLITE_FLOAT: reals = true; break;
                case raw.SQLITE_TEXT: texts = true; break;
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

    private static ChalkResolverException BadValue(SqlQuery query, string source, SqliteColumn column, IArrowType type, Exception inner)
        => SourceErrors.BadValue(query, source, column.Name,
            type.Name + (column.DeclaredType is null ? " (from its values)" : $" (declared {column.DeclaredType})"), inner);
}
