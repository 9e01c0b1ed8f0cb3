using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Chalk.Benchmarks.Store;

/// <summary>Throughput as queries per second: the inverse of the mean time per operation, for benchmarks whose
/// <c>OperationsPerInvoke</c> is the number of queries one invocation runs.</summary>
public sealed class QueriesPerSecondColumn : IColumn
{
    public string Id => "QueriesPerSecond";
    public string ColumnName => "Queries/s";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Queries per second: 1 s divided by the mean time per query (all callers together)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        // Result statistics are already per operation: BenchmarkDotNet divides each iteration by OperationsPerInvoke.
        var stats = summary[benchmarkCase]?.ResultStatistics;
        return stats is null || stats.Mean <= 0 ? "NA" : (1e9 / stats.Mean).ToString("N0", CultureInfo.InvariantCulture);
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
