using Apache.Arrow;

namespace Chalk;

/// <summary>Batch queries with options (as-of column, progress), traced and measured: every batch entry point runs here.</summary>
public sealed partial class ChalkEngine
{
    /// <summary>Answers a batch of queries with <paramref name="options"/>: one output row per input row, in input order.</summary>
    /// <param name="inputs">One column per input feature, named by its path, plus the as-of column when <see cref="BatchQueryOptions.AsOf"/> names one.</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="options">The as-of column and where to report progress.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One column per output, named as requested.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/>, <paramref name="outputs"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The as-of column is missing, not a timestamp, or has nulls; an input column does not fit its feature; or an input or output name is null or blank.</exception>
    /// <exception cref="ChalkPlanException">An input or output is unknown, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    public async Task<RecordBatch> QueryBatchAsync(RecordBatch inputs, IReadOnlyList<string> outputs, BatchQueryOptions options, CancellationToken cancellationToken = default)
        => (await QueryBatchDetailedAsync(inputs, outputs, options, cancellationToken).ConfigureAwait(false)).Table;

    /// <summary>Like <see cref="QueryBatchAsync(RecordBatch, IReadOnlyList{string}, BatchQueryOptions, CancellationToken)"/>, also returning the per-row feature errors.</summary>
    /// <inheritdoc cref="QueryBatchAsync(RecordBatch, IReadOnlyList{string}, BatchQueryOptions, CancellationToken)" path="/param"/>
    /// <inheritdoc cref="QueryBatchAsync(RecordBatch, IReadOnlyList{string}, BatchQueryOptions, CancellationToken)" path="/exception"/>
    public Task<BatchResult> QueryBatchDetailedAsync(RecordBatch inputs, IReadOnlyList<string> outputs, BatchQueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputBatch.RequireNames(outputs, nameof(outputs));
        ArgumentNullException.ThrowIfNull(options);
        return RunBatchAsync(inputs, outputs, options.AsOf, options.Progress, cancellationToken);
    }

    private async Task<BatchResult> RunBatchAsync(RecordBatch inputs, IReadOnlyList<string> outputs, string? asOf, IProgress<QueryProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var query = _telemetry.StartQuery(online: false, outputs.Count, inputs.Length);
        try
        {
            var (features, times) = AsOfColumn.Split(inputs, asOf);
            var result = await RunAsync(InputBatch.FromBatch(_definitions.Registry, features), times, outputs, online: false, cancellationToken, progress: progress)
                .ConfigureAwait(false);
            query.Succeeded(result.Errors.Count);
            return result;
        }
        catch (Exception ex) when (query.Failed(ex))
        {
            // Not reached: the filter records the failure and lets it go on unchanged.
            throw;
        }
    }
}
