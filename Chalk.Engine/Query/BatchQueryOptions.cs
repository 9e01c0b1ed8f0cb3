namespace Chalk;

/// <summary>Per-query settings of a batch query: the as-of column and where progress goes.</summary>
/// <example><code>
/// var options = new BatchQueryOptions { AsOf = "ts", Progress = new Progress&lt;QueryProgress&gt;(p => bar.Value = p.Fraction) };
/// var result = await engine.QueryBatchDetailedAsync(inputs, outputs, options);
/// </code></example>
public sealed class BatchQueryOptions
{
    /// <summary>The name of a timestamp column of the inputs (not a feature) giving each row's time; null: every row as of
    /// now. See <see cref="ChalkEngine.QueryBatchAsync(Apache.Arrow.RecordBatch, IReadOnlyList{string}, string?, CancellationToken)"/>.</summary>
    public string? AsOf { get; init; }

    /// <summary>Told how far the query has come: once when its plan starts, after each operator, and at the end of each
    /// level. Reports come from the threads that run the operators, in order; a <see cref="Progress{T}"/> posts them to the
    /// context it was created on.</summary>
    public IProgress<QueryProgress>? Progress { get; init; }
}
