using Apache.Arrow;
using Apache.Arrow.C;
using Apache.Arrow.Types;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Chalk.Expressions;

namespace Chalk.Sql.Sources;

/// <summary>A statement DuckDB prepared on one connection, run with bound parameter values (once per parameter row of a
/// call), its result read as Arrow batches through the native API DuckDB.NET exposes.</summary>
/// <remarks>
/// It is kept across queries only on a read-only database: DuckDB's plan depends on the tables' statistics when it was
/// made (see <c>DuckDbSource.PooledConnection</c>). Not thread-safe: it belongs to one pooled connection, which serves
/// one query at a time.
/// </remarks>
internal sealed class DuckDbPreparedStatement : IDisposable
{
    private readonly DuckDBPreparedStatement _statement;
    private Schema? _schema;

    private DuckDbPreparedStatement(DuckDBPreparedStatement statement) => _statement = statement;

    /// <summary>Whether parameters of these Arrow types bind natively (strings travel as their UTF-8 bytes).</summary>
    public static bool Binds(IReadOnlyList<IArrowType> types)
        => types.All(t => t.TypeId is ArrowTypeId.Int32 or ArrowTypeId.Int64 or ArrowTypeId.Double or ArrowTypeId.Float
            or ArrowTypeId.Boolean or ArrowTypeId.String or ArrowTypeId.Timestamp);

    /// <exception cref="DuckDbStatementException">DuckDB refused the statement.</exception>
    public static DuckDbPreparedStatement Prepare(DuckDBConnection connection, string sql)
    {
        if (NativeMethods.PreparedStatements.DuckDBPrepare(connection.NativeConnection, sql, out var statement) != DuckDBState.Success)
        {
            var message = NativeMethods.PreparedStatements.DuckDBPrepareError(statement);
            statement.Dispose();
            throw new DuckDbStatementException(string.IsNullOrEmpty(message) ? "DuckDB could not prepare the statement" : message);
        }
        return new DuckDbPreparedStatement(statement);
    }

    /// <summary>Binds parameter <paramref name="slot"/> (from 0) for the next execution.</summary>
    /// <exception cref="NotSupportedException">The value is of a type <see cref="Binds"/> does not take.</exception>
    /// <exception cref="DuckDbStatementException">DuckDB refused the value.</exception>
    public void Bind(int slot, object? value)
    {
        long index = slot + 1;
        var state = value switch
        {
            null => NativeMethods.PreparedStatements.DuckDBBindNull(_statement, index),
            bool b => NativeMethods.PreparedStatements.DuckDBBindBoolean(_statement, index, b),
            int i => NativeMethods.PreparedStatements.DuckDBBindInt32(_statement, index, i),
            long l => NativeMethods.PreparedStatements.DuckDBBindInt64(_statement, index, l),
            double d => NativeMethods.PreparedStatements.DuckDBBindDouble(_statement, index, d),
            float f => NativeMethods.PreparedStatements.DuckDBBindFloat(_statement, index, f),
            byte[] bytes => NativeMethods.PreparedStatements.DuckDBBindBlob(_statement, index, bytes, bytes.Length),
            // Microsecond timestamps: the engine's times are whole microseconds, so the division is exact.
            DateTime t => NativeMethods.PreparedStatements.DuckDBBindTimestamp(_statement, index,
                new DuckDBTimestampStruct { Micros = ArrowTime.TimestampToMicros(t) }),
            _ => throw new NotSupportedException($"cannot bind a {value.GetType().Name} parameter"),
        };
        if (state != DuckDBState.Success)
            throw new DuckDbStatementException($"cannot bind parameter ${index}: {NativeMethods.PreparedStatements.DuckDBPrepareError(_statement)}");
    }

    /// <summary>Runs the statement with the bound values, handing each result chunk to <paramref name="onBatch"/> as an
    /// Arrow batch that it owns.</summary>
    /// <exception cref="DuckDbStatementException">DuckDB failed.</exception>
    public unsafe Schema Execute(Action<RecordBatch> onBatch)
    {
        if (NativeMethods.PreparedStatements.DuckDBExecutePrepared(_statement, out var result) != DuckDBState.Success)
        {
            try
            {
                throw new DuckDbStatementException(NativeMethods.Query.DuckDBResultError(ref result));
            }
            finally
            {
                result.Close();
            }
        }
        try
        {
            using var options = NativeMethods.Arrow.DuckDBResultGetArrowOptions(ref result);
            if (options.IsInvalid) throw new DuckDbStatementException("DuckDB gave no Arrow options for the result");
            _schema ??= ResultSchema(ref result, options);
            while (true)
            {
                using var chunk = NativeMethods.Query.DuckDBFetchChunk(result);
                if (chunk.IsInvalid) break;
                var array = CArrowArray.Create();
                try
                {
                    using (var error = NativeMethods.Arrow.DuckDBDataChunkToArrow(options, chunk, (IntPtr)array))
                        ThrowIfError(error);
                    onBatch(CArrowArrayImporter.ImportRecordBatch(array, _schema));
                }
                finally
                {
                    CArrowArray.Free(array);
                }
            }
            return _schema;
        }
        finally
        {
            result.Close();
        }
    }

    private static unsafe Schema ResultSchema(ref DuckDBResult result, DuckDBArrowOptions options)
    {
        ulong count = NativeMethods.Query.DuckDBColumnCount(ref result);
        var types = new DuckDBLogicalType[count];
        var typeHandles = new IntPtr[count];
        var names = new IntPtr[count];
        try
        {
            for (ulong i = 0; i < count; i++)
            {
                types[i] = NativeMethods.Query.DuckDBColumnLogicalType(ref result, (long)i);
                typeHandles[i] = types[i].DangerousGetHandle();
                names[i] = System.Runtime.InteropServices.Marshal.StringToCoTaskMemUTF8(NativeMethods.Query.DuckDBColumnName(ref result, (long)i));
            }
            var schema = CArrowSchema.Create();
            try
            {
                fixed (IntPtr* typesPtr = typeHandles)
                fixed (IntPtr* namesPtr = names)
                {
                    using var error = NativeMethods.Arrow.DuckDBToArrowSchema(options, (IntPtr)typesPtr, (IntPtr)namesPtr, count, (IntPtr)schema);
                    ThrowIfError(error);
                }
                return CArrowSchemaImporter.ImportSchema(schema);
            }
            finally
            {
                CArrowSchema.Free(schema);
            }
        }
        finally
        {
            foreach (var n in names) if (n != IntPtr.Zero) System.Runtime.InteropServices.Marshal.FreeCoTaskMem(n);
            foreach (var t in types) t?.Dispose();
        }
    }

    private static void ThrowIfError(DuckDBErrorData error)
    {
        if (!error.IsInvalid && NativeMethods.ErrorData.DuckDBErrorDataHasError(error))
            throw new DuckDbStatementException(NativeMethods.ErrorData.DuckDBErrorDataMessage(error));
    }

    public void Dispose() => _statement.Dispose();
}
