using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Chalk.Benchmarks.Support;

/// <summary>A column with one percentile of the per-iteration times (BenchmarkDotNet's built-in columns stop at P95).</summary>
public sealed class PercentileColumn(int percentile) : IColumn
{
    public string Id => "P" + percentile;
    public string ColumnName => "P" + percentile;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Statistics;
    public int PriorityInCategory => percentile;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Time;
    public string Legend => $"{percentile}th percentile of the iteration times";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null) return "NA";
        double ns = stats.Percentiles.Percentile(percentile);
        return ns >= 1_000_000 ? $"{ns / 1_000_000:0.000} ms" : $"{ns / 1_000:0.0} us";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
}
