using System.Collections.Concurrent;
using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Diagnostics;

/// <summary><c>BatchQueryOptions.Progress</c>: a batch query reports its plan's operators and levels as they finish, in
/// order, from none to all, with its row count, and answers exactly as without it.</summary>
public sealed class QueryProgressTests
{
    private const int More = 500;
    private static readonly string[] Outputs = ["station.dock_share", "station.initials", "station.ride_count", "station.recent_rides[1d]", "station.forecast"];

    private DuckDbSource _bikes = null!;

    [OneTimeSetUp]
    public async Task CreateTheBikeShare() => _bikes = await BikeShare.CreateAsync(More);

    [OneTimeTearDown]
    public async Task DisposeTheBikeShare() => await _bikes.DisposeAsync();

    /// <summary>Records reports as they come (a <see cref="Progress{T}"/> would post them later, to the thread pool).</summary>
    private sealed class Recorder : IProgress<QueryProgress>
    {
        public ConcurrentQueue<QueryProgress> Reports { get; } = new();

        public void Report(QueryProgress value) => Reports.Enqueue(value);
    }

    private static RecordBatch AllStations()
    {
        var ids = new long[] { 1, 2, 3 }.Concat(Enumerable.Range(0, More).Select(i => 1000L + i)).ToArray();
        return new RecordBatch.Builder().Append("station.id", false, c => c.Int64(a => a.AppendRange(ids))).Build();
    }

    [Test]
    public async Task A_batch_query_reports_from_no_operator_done_to_all_in_order()
    {
        await using var engine = ChalkEngine.CreateBuilder().AddBikeShare(_bikes).WithWeather().Build();
        var recorder = new Recorder();
        var inputs = AllStations();
        var result = await engine.QueryBatchDetailedAsync(inputs, Outputs, new BatchQueryOptions { Progress = recorder });

        var reports = recorder.Reports.ToList();
        Assert.That(reports, Has.Count.GreaterThan(2));
        var first = reports[0];
        var last = reports[^1];
        Assert.That(first.OperatorsDone, Is.Zero);
        Assert.That(first.LevelsDone, Is.Zero);
        Assert.That(first.LastOperator, Is.Null);
        Assert.That(last.OperatorsDone, Is.EqualTo(last.Operators));
        Assert.That(last.LevelsDone, Is.EqualTo(last.Levels));
        Assert.That(last.Fraction, Is.EqualTo(1.0));
        Assert.That(reports.Select(r => r.Rows), Is.All.EqualTo(inputs.Length));
        Assert.That(reports.Select(r => r.Operators), Is.All.EqualTo(last.Operators));
        Assert.That(reports.Select(r => r.OperatorsDone), Is.Ordered, "reports never go backwards");
        Assert.That(reports.Select(r => r.LevelsDone), Is.Ordered);
        Assert.That(reports.Select(r => r.Elapsed), Is.Ordered);
        Assert.That(reports.Count(r => r.LastOperator is not null), Is.EqualTo(last.Operators), "one report per operator");
        Assert.That(reports.Select(r => r.LastOperator), Has.Some.EqualTo("sql stations.chalk.sql"));

        var plain = await engine.QueryBatchDetailedAsync(inputs, Outputs);
        Assert.That(result.Errors.Select(e => e.ToString()), Is.EqualTo(plain.Errors.Select(e => e.ToString())));
        for (int c = 0; c < Outputs.Length; c++)
        {
            var a = result.Table.Column(c);
            var b = plain.Table.Column(c);
            for (int r = 0; r < inputs.Length; r++)
                Assert.That(ArrowValues.Get(a, r), Is.EqualTo(ArrowValues.Get(b, r)), $"{Outputs[c]} row {r}");
        }
    }

    [Test]
    public async Task The_as_of_option_is_the_as_of_column()
    {
        await using var engine = ChalkEngine.CreateBuilder().AddBikeShare(_bikes).WithWeather().Build();
        var at = new DateTime(2024, 5, 1, 18, 0, 0);
        var inputs = new RecordBatch.Builder()
            .Append("station.id", false, c => c.Int64(a => a.AppendRange([1L, 1L])))
            .Append("ts", false, c => c.Timestamp(a => a.Append(at).Append(at.AddDays(10))))
            .Build();
        var table = await engine.QueryBatchAsync(inputs, ["station.recent_rides[1d]"], new BatchQueryOptions { AsOf = "ts" });
        var counts = (Int64Array)table.Column(0);
        Assert.That(counts.GetValue(0), Is.EqualTo(2));
        Assert.That(counts.GetValue(1), Is.EqualTo(0));
    }
}
