using Apache.Arrow;
using Chalk.Sql.Sources;

namespace Chalk.Benchmarks.Aggregation;

/// <summary>A non-DuckDB source whose answer is already in memory: it returns the same fetched child rows for every query,
/// so a benchmark measures what the engine does after a fetch, not the fetch.</summary>
/// <remarks>
/// The engine disposes every <see cref="SqlResult"/> it reads; the rows' buffers are managed arrays without an owner,
/// so disposing them frees nothing and they can be returned again.
/// </remarks>
internal sealed class FetchedRowsSource(RecordBatch rows, int keys) : SqlSource
{
    /// <inheritdoc/>
    public override string Kind => "memory";

    /// <inheritdoc/>
    public override Task<SqlResult> QueryAsync(SqlQuery query, RecordBatch parameters, CancellationToken cancellationToken = default)
    {
        // The rows were generated for keys 1..keys as parameter rows 0..keys-1; any other key set would be a wrong answer.
        if (parameters.Length != keys || parameters.Column(0) is not Int64Array ids || ids.GetValue(0) != 1 || ids.GetValue(keys - 1) != keys)
            throw new InvalidOperationException($"expected the keys 1..{keys} in order, got {parameters.Length} parameter rows");
        return Task.FromResult(new SqlResult(rows.Schema, [rows]));
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
