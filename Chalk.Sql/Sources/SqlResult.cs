using Apache.Arrow;

namespace Chalk.Sql.Sources;

/// <summary>The rows a source returned for a batch of parameter rows.</summary>
/// <remarks>
/// Every batch starts with an <c>int32</c> column named <see cref="RowColumn"/>: the index of the parameter
/// row that produced the result row. Within one parameter row, result rows keep the statement's order.
/// The caller owns the batches and disposes them.
/// </remarks>
public sealed class SqlResult(Schema schema, IReadOnlyList<RecordBatch> batches) : IDisposable
{
    /// <summary>The name of the leading column that maps each result row to its parameter row.</summary>
    public const string RowColumn = "__chalk_row";

    /// <summary>The result schema, starting with <see cref="RowColumn"/>.</summary>
    public Schema Schema { get; } = schema;

    /// <summary>The result batches.</summary>
    public IReadOnlyList<RecordBatch> Batches { get; } = batches;

    /// <summary>The number of result rows over all batches.</summary>
    public long RowCount => Batches.Sum(b => (long)b.Length);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var b in Batches) b.Dispose();
    }
}
