using Apache.Arrow;
using Chalk.Execution;

namespace Chalk;

public sealed partial class ChalkEngine
{
    /// <summary>Runs one point-in-time batch and returns its plan with the time each operator took, as text (for
    /// profiling batch shapes; see <see cref="ExplainAnalyzeAsync"/> for the online form).</summary>
    internal async Task<string> ExplainAnalyzeBatchAsync(RecordBatch inputs, IReadOnlyList<string> outputs, string? asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputBatch.RequireNames(outputs, nameof(outputs));
        var (features, times) = AsOfColumn.Split(inputs, asOf);
        var batch = InputBatch.FromBatch(_definitions.Registry, features);
        var timings = new NodeTimings();
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var result = (await RunAsync(batch, times, outputs, online: false, cancellationToken, timings).ConfigureAwait(false)).Table)
        {
            timings.Total = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        }
        return PlanExplainer.Explain(GetPlan(batch.Paths, outputs, online: false), timings);
    }
}
