using System.Collections.Concurrent;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;
using DuckDB.NET.Data;

namespace Chalk.Sql.Sources;

/// <summary>The resolver files a read-only DuckDB source holds in memory (<see cref="DuckDbSource.InMemoryRows"/>), one
/// <see cref="DuckDbSnapshot"/> per file and key column, each read from DuckDB once, on first use.</summary>
/// <remarks>
/// A file is held only when its rows cannot differ from one run to the next: the database is read-only (it cannot
/// change while open), every leaf of the file's plan scans a stored table (<see cref="DuckDbPlanScope"/>), it calls no
/// function that may answer differently (<see cref="DuckDbDeterminism"/>), and it returns at most the row limit. A file
/// that fails any of these, or whose reading fails, is remembered as not held, and DuckDB runs its statements (and
/// reports any error) as without the setting.
/// </remarks>
internal sealed class DuckDbSnapshots(int maxRows)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<DuckDbSnapshot?>>> _held = new(StringComparer.Ordinal);

    /// <summary>The row limit of one file.</summary>
    public int MaxRows => maxRows;

    /// <summary>How many file and key column pairs are held (for tests).</summary>
    public int Count => _held.Values.Count(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully && l.Value.Result is not null);

    /// <summary>The snapshot serving <paramref name="read"/>, read on first use with a connection from
    /// <paramref name="withConnection"/>; null when the file is not held.</summary>
    public async Task<DuckDbSnapshot?> ForAsync(SqlKeyedRead read, Func<Func<DuckDBConnection, Task<DuckDbSnapshot?>>, Task<DuckDbSnapshot?>> withConnection)
    {
        var id = read.HeldId;
        var held = _held.GetOrAdd(id, _ => new Lazy<Task<DuckDbSnapshot?>>(() => withConnection(c => LoadAsync(c, read, maxRows))));
        try
        {
            return await held.Value.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ChalkException or ObjectDisposedException)
        {
            // No connection (a missing file, a disposed source): not remembered, and the statement's own path reports it.
            _held.TryRemove(new KeyValuePair<string, Lazy<Task<DuckDbSnapshot?>>>(id, held));
            return null;
        }
    }

    private static async Task<DuckDbSnapshot?> LoadAsync(DuckDBConnection connection, SqlKeyedRead read, int maxRows)
    {
        if (read.File.ParameterCount != 0) return null;
        try
        {
            var sql = read.File.Render(_ => "NULL");
            if (!DuckDbPlanScope.ReadsOnlyStoredTables(connection, sql) || !DuckDbDeterminism.IsDeterministic(connection, sql)) return null;
            var key = "t." + Quote(read.KeyColumn);
            var schema = Describe(connection, sql);
            int k = SchemaFields.IndexOf(schema, read.KeyColumn);
            if (k < 0) return null;
            // Text keys are ordered by their bytes: a collated column's own order would interleave 'ab' and 'AB'.
            string? order = schema.GetFieldByIndex(k).DataType switch
            {
                StringType => $"encode({key})",
                Int8Type or Int16Type or Int32Type or Int64Type or UInt8Type or UInt16Type or UInt32Type => key,
                _ => null,
            };
            if (order is null) return null;
            using var command = connection.CreateCommand();
            command.CommandText = $"select t.* from ({sql}) as t where {key} is not null order by {order} limit {maxRows + 1}";
            var batches = new List<RecordBatch>();
            await foreach (var batch in command.ExecuteArrowBatchesAsync().ConfigureAwait(false)) batches.Add(batch);
            int rows = batches.Sum(b => b.Length);
            if (rows > maxRows) return null;
            return Concatenate(batches, rows) is { } all ? DuckDbSnapshot.Create(all, read.KeyColumn) : null;
        }
        catch (Exception ex) when (ex is DuckDBException or DuckDbStatementException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static Schema Describe(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"select * from ({sql}) limit 0";
        using var stream = command.ExecuteArrowStream();
        return stream.Schema;
    }

    // An empty file is not held (null): DuckDB answers it as cheaply, and no batch gives the result's types.
    private static RecordBatch? Concatenate(List<RecordBatch> batches, int rows)
    {
        if (batches.Count <= 1) return batches.FirstOrDefault();
        var columns = Enumerable.Range(0, batches[0].ColumnCount)
            .Select(c => ArrowArrayConcatenator.Concatenate(batches.Select(b => b.Column(c)).ToList(), ManagedArrowAllocator.Instance)!)
            .ToList();
        return new RecordBatch(batches[0].Schema, columns, rows);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
