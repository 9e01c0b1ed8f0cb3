using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Arrow;
using DuckDB.NET.Data;
using Chalk.Expressions;

namespace Chalk.Sql.Sources;

public sealed partial class DuckDbSource
{
    private const string ParameterTable = "__chalk_params";

    private static void Bind(DuckDBCommand command, RecordBatch parameters, int row)
    {
        command.Parameters.Clear();
        for (int i = 0; i < parameters.ColumnCount; i++)
            command.Parameters.Add(new DuckDBParameter(ParameterValue(parameters.Column(i), row) ?? DBNull.Value));
    }

    // DuckDB.NET passes a string parameter (and an appended string) to DuckDB as a NUL-terminated C string, so
    // "a\0b" would arrive as "a" and find a's row. Strings therefore travel as their UTF-8 bytes (a BLOB that
    // the statement decodes back to VARCHAR, see Slot), which DuckDB takes with their length: exact, NULs included.
    private static object? ParameterValue(IArrowArray column, int row)
        => column is StringArray strings ? (strings.IsNull(row) ? null : strings.GetBytes(row).ToArray()) : ArrowValues.Get(column, row);

    /// <summary>Slot <paramref name="slot"/> in a prepared statement: <c>$n</c>, or <c>decode($n)</c> for a string bound as bytes.</summary>
    private static string Slot(SqlQuery query, int slot)
        => query.ParameterTypes[slot].TypeId == ArrowTypeId.String ? "decode(" + Positional(slot) + ")" : Positional(slot);

    private static async Task ReadAsync(DuckDBCommand command, int row, List<RecordBatch> batches, CancellationToken cancellationToken)
    {
        await foreach (var batch in command.ExecuteArrowBatchesAsync(cancellationToken).ConfigureAwait(false))
            batches.Add(WithRowColumn(batch, row));
    }

    private static RecordBatch WithRowColumn(RecordBatch batch, int row)
    {
        var rows = new Int32Array.Builder().Reserve(batch.Length);
        for (int i = 0; i < batch.Length; i++) rows.Append(row);
        var fields = new List<Field> { new(SqlResult.RowColumn, Int32Type.Default, false) };
        fields.AddRange(batch.Schema.FieldsList);
        var arrays = new List<IArrowArray> { rows.Build(ManagedArrowAllocator.Instance) };
        arrays.AddRange(batch.Arrays);
        return new RecordBatch(new Schema(fields, null), arrays, batch.Length);
    }

    // Many parameter rows: load them into a temporary table and run the statement once, joined to it, so DuckDB plans
    // one query instead of N.
    private static async Task QueryLateralAsync(PooledConnection pooled, SqlQuery query, RecordBatch parameters, List<RecordBatch> batches, CancellationToken cancellationToken)
    {
        var connection = pooled.Connection;
        try
        {
            if (ParameterRowsBatch(query, parameters) is { } rows) DuckDbTableLoader.Load(connection, ParameterTable, rows, cancellationToken);
            else AppendParameterRows(connection, query, parameters);
            using var command = connection.CreateCommand();
            command.CommandText = ParameterRowsStatement(query);
            await foreach (var batch in command.ExecuteArrowBatchesAsync(cancellationToken).ConfigureAwait(false))
                batches.Add(batch);
        }
        finally
        {
            using var drop = connection.CreateCommand();
            drop.CommandText = $"drop table if exists temp.{ParameterTable}";
            drop.ExecuteNonQuery();
        }
    }

    // The parameter rows as the table the chunk loader writes (row number, p1..pn), or null when a column would not get
    // the type the statement declares for it (a duration, which the loader writes as microseconds, or an array of
    // another type than the parameter's): those go through the per-value appender.
    private static RecordBatch? ParameterRowsBatch(SqlQuery query, RecordBatch parameters)
    {
        var fields = new List<Field> { new(SqlResult.RowColumn, Int32Type.Default, false) };
        var arrays = new List<IArrowArray> { new Int32Array(new ArrowBuffer(RowNumbers(parameters.Length)), ArrowBuffer.Empty, parameters.Length, 0, 0) };
        for (int c = 0; c < parameters.ColumnCount; c++)
        {
            var column = parameters.Column(c);
            var field = new Field("p" + (c + 1).ToString(CultureInfo.InvariantCulture), column.Data.DataType, true);
            if (column.Data.DataType.TypeId != query.ParameterTypes[c].TypeId) return null;
            if (!DuckDbVectorWriter.For(column, field).SqlType.Equals(DuckDbTypes.NameOf(query.ParameterTypes[c]), StringComparison.Ordinal)) return null;
            fields.Add(field);
            arrays.Add(column);
        }
        return new RecordBatch(new Schema(fields, null), arrays, parameters.Length);
    }

    private static byte[] RowNumbers(int count)
    {
        var bytes = new byte[count * sizeof(int)];
        var rows = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes.AsSpan());
        for (int i = 0; i < rows.Length; i++) rows[i] = i;
        return bytes;
    }

    private static void AppendParameterRows(DuckDBConnection connection, SqlQuery query, RecordBatch parameters)
    {
        using (var create = connection.CreateCommand())
        {
            var columns = string.Join(", ", query.ParameterTypes.Select((t, i) => $"p{i + 1} {DuckDbTypes.NameOf(t)}"));
            create.CommandText = $"create or replace temp table {ParameterTable} ({SqlResult.RowColumn} INTEGER, {columns})";
            create.ExecuteNonQuery();
        }
        // The temp catalog named explicitly: DuckDB refuses an appender found through the search path when the
        // database file is attached read-only, even though the table is temporary.
        using var appender = connection.CreateAppender("temp", "main", ParameterTable);
        for (int row = 0; row < parameters.Length; row++)
        {
            var r = appender.CreateRow().AppendValue(row);
            for (int c = 0; c < parameters.ColumnCount; c++) r = Append(r, parameters.Column(c), row);
            r.EndRow();
        }
    }

    // Each parameter row's rows: a file filtered by the parameters joins the parameter table (a plain hash join: 0.56x
    // the CPU time of the lateral form for 50k keys), any other statement runs as a lateral subquery per row.
    private static string ParameterRowsStatement(SqlQuery query)
    {
        static string Param(int i) => "k.p" + (i + 1).ToString(CultureInfo.InvariantCulture);
        if (query.FilteredRows is { File.ParameterCount: 0 } rows)
            return $"select k.{SqlResult.RowColumn}, {rows.Columns} from {ParameterTable} k join ({rows.File.Render(Param)}) as {rows.Alias} on {rows.Condition.Render(Param)}";
        return $"select k.{SqlResult.RowColumn}, q.* from {ParameterTable} k, lateral ({query.Template.Render(Param)}) q";
    }

    private static IDuckDBAppenderRow Append(IDuckDBAppenderRow r, IArrowArray column, int row) => ParameterValue(column, row) switch
    {
        null => r.AppendNullValue(),
        byte[] utf8 => r.AppendValue(utf8),
        bool b => r.AppendValue(b),
        int i => r.AppendValue(i),
        long l => r.AppendValue(l),
        double d => r.AppendValue(d),
        float f => r.AppendValue(f),
        DateTime t => r.AppendValue(t),
        TimeSpan t => r.AppendValue(t),
        var other => throw new NotSupportedException($"cannot bind a {other.GetType().Name} parameter"),
    };

    private static Task<Schema> DescribeWithRowAsync(PooledConnection pooled, SqlQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var fields = new List<Field> { new(SqlResult.RowColumn, Int32Type.Default, false) };
        fields.AddRange(ResultSchema(pooled, query).FieldsList);
        return Task.FromResult(new Schema(fields, null));
    }

    private sealed class PooledConnection(DuckDBConnection connection) : IDisposable
    {
        // Statements are planned anew for every query unless the data they read cannot change: DuckDB plans with the
        // statistics of the tables at that moment (a perfect-hash aggregate sized by the key table's row ids, a time
        // filter folded by its min and max), and a plan kept after the data changed failed ("statistics ... corrupt")
        // or, worse, answered for the earlier rows. A read-only file cannot change while it is open (a writer needs
        // DuckDB's exclusive lock), so its parameter-row statements that read only its stored tables are kept
        // (DuckDbSource.KeepsPlan); statements over files, other databases or the engine's temp tables never are.
        // The loaded key tables are kept (emptied) to save their creation.
        private readonly Dictionary<string, DuckDBCommand> _prepared = new(StringComparer.Ordinal);
        private readonly Dictionary<string, DuckDbPreparedStatement> _planned = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _tables = new(StringComparer.Ordinal);

        /// <summary>The column list of the empty temp table <paramref name="name"/> kept on this connection, or null.</summary>
        public string? KeptTable(string name) => _tables.GetValueOrDefault(name);

        /// <summary>Records the table's column list after a load.</summary>
        public void Loaded(string name, string columns) => _tables[name] = columns;

        /// <summary>Forgets the kept tables (they were dropped).</summary>
        public void ForgetTables() => _tables.Clear();

        /// <summary>The statement planned by DuckDB for this execution (the caller disposes it).</summary>
        public DuckDbPreparedStatement Statement(string sql) => DuckDbPreparedStatement.Prepare(Connection, sql);

        public DuckDBConnection Connection { get; } = connection;

        /// <summary>The query planned by DuckDB for this call's parameter rows, or null when its parameters do not bind
        /// natively (then <see cref="Prepared"/> serves it). With <paramref name="keep"/> this connection keeps it for
        /// later calls; otherwise the caller disposes it.</summary>
        public DuckDbPreparedStatement? Native(SqlQuery query, bool keep)
        {
            if (!DuckDbPreparedStatement.Binds(query.ParameterTypes)) return null;
            if (keep && _planned.TryGetValue(query.Id, out var statement)) return statement;
            statement = DuckDbPreparedStatement.Prepare(Connection, query.Template.Render(i => Slot(query, i)));
            if (keep) _planned[query.Id] = statement;
            return statement;
        }

        /// <summary>How many plans this connection keeps.</summary>
        public int KeptPlans => _planned.Count;

        /// <summary>Drops the kept plan of <paramref name="query"/> (after it failed), so the next call plans afresh.</summary>
        public void Forget(SqlQuery query)
        {
            if (_planned.Remove(query.Id, out var statement)) statement.Dispose();
        }

        public DuckDBCommand Prepared(SqlQuery query)
        {
            if (_prepared.TryGetValue(query.Id, out var command)) return command;
            command = Connection.CreateCommand();
            command.CommandText = query.Template.Render(i => Slot(query, i));
            _prepared[query.Id] = command;
            return command;
        }

        public void Dispose()
        {
            foreach (var c in _prepared.Values) c.Dispose();
            foreach (var p in _planned.Values) p.Dispose();
            Connection.Dispose();
        }
    }
}
