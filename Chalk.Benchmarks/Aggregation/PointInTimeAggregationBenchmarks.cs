using System.Diagnostics;
using Apache.Arrow;
using Apache.Arrow.Types;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;

namespace Chalk.Benchmarks.Aggregation;

/// <summary>Ten aggregate features (three windows) for every buyer as of each buyer's own time: the engine's point-in-time
/// batch query against one hand-written DuckDB query computing the same columns, in the same run.</summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project Chalk.Benchmarks -- --filter '*PointInTimeAggregation*'</c>. Sizes default to
/// 1M buyers × 10M payments; <c>CHALK_BENCH_BUYERS</c> / <c>CHALK_BENCH_PAYMENTS</c> shrink them for a quick look.
/// Both paths read their result as Arrow. The process's peak working set is printed at the end (DuckDB's memory is
/// native, so BenchmarkDotNet's allocation column does not show it).
/// </remarks>
[Config(typeof(Config))]
[MemoryDiagnoser]
public class PointInTimeAggregationBenchmarks
{
    private DuckDbSource _source = null!;
    private ChalkEngine _engine = null!;
    private RecordBatch _inputs = null!;
    private int _buyers;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(7).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1));
    }

    [GlobalSetup]
    public void Setup()
    {
        (_buyers, int payments) = AggregationData.Sizes();
        (_source, _engine) = AggregationData.Open(_buyers, payments);
        var ids = new Int64Array.Builder().Reserve(_buyers);
        var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null)).Reserve(_buyers);
        for (long id = 1; id <= _buyers; id++)
        {
            ids.Append(id);
            ts.Append(new DateTimeOffset(AggregationData.AsOf(id), TimeSpan.Zero));
        }
        _inputs = new RecordBatch(new Schema([new Field("buyer.id", Int64Type.Default, false), new Field("ts", ts.Build().Data.DataType, false)], null),
            [ids.Build(), ts.Build()], _buyers);
        Console.WriteLine(_engine.Explain(["buyer.id"], AggregationData.Outputs, online: false));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Console.WriteLine($"// peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB");
        _engine.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _source.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>One hand-written DuckDB statement over a key table already in the database, read as Arrow.</summary>
    [Benchmark(Baseline = true)]
    public async Task<long> HandWrittenSql()
    {
        long rows = 0;
        await _source.UseConnectionAsync(async c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = AggregationData.HandWritten;
            await foreach (var batch in cmd.ExecuteArrowBatchesAsync())
            {
                rows += batch.Length;
                batch.Dispose();
            }
        });
        return rows;
    }

    /// <summary>The engine: keys and times from Arrow, every aggregate pushed into one DuckDB statement, results in input order.</summary>
    [Benchmark]
    public async Task<int> EngineBatch()
    {
        using var result = await _engine.QueryBatchAsync(_inputs, AggregationData.Outputs, asOf: "ts");
        return result.Length;
    }
}
