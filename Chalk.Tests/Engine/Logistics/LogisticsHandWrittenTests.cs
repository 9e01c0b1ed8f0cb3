namespace Chalk.Tests.Engine.Logistics;

/// <summary>The logistics benchmark's scenario at a small size: every depot feature from the engine equals the
/// hand-written DuckDB query's, lifted (pushed down, in engine, nested) and per row (LINQ to objects on every feature).</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class LogisticsHandWrittenTests(bool lifting)
{
    private LogisticsData _data = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _data = await LogisticsData.CreateAsync(new LogisticsSizes(120, 260, 8000, 900));

    [OneTimeTearDown]
    public ValueTask TearDown() => _data.DisposeAsync();

    [Test]
    public async Task Every_depot_as_of_its_own_time_matches_the_hand_written_query()
    {
        await AssertSameAsHandWritten(_data.AllDepots());
    }

    [Test]
    public async Task Missing_depots_repeated_depots_and_times_before_any_child_match_the_hand_written_query()
    {
        var ids = new List<long>();
        var times = new List<DateTime>();
        void Add(long id, DateTime at)
        {
            ids.Add(id);
            times.Add(at);
        }
        // 0 and 121+ name no depot; 110-120 have no vehicles or deliveries; 2025 is before every delivery and incident.
        foreach (long id in new long[] { 0, 121, 5000 }) Add(id, LogisticsData.AsOf(1));
        for (long id = 105; id <= 120; id++) Add(id, LogisticsData.AsOf(id));
        for (long id = 1; id <= 30; id++)
        {
            Add(id, new DateTime(2025, 6, 1));
            Add(id, LogisticsData.Start.AddDays(id * 11));
            Add(id, LogisticsData.Start.AddDays(400));
        }
        await AssertSameAsHandWritten(LogisticsData.Inputs(ids, times));
    }

    [Test]
    public async Task The_pushed_down_part_matches_its_own_hand_written_query()
    {
        var inputs = _data.AllDepots();
        await using var engine = _data.BuildEngine(lifting);
        var result = await engine.QueryBatchDetailedAsync(inputs, LogisticsData.PushedDownOutputs, asOf: "ts");
        Assert.That(result.Errors, Is.Empty);
        await _data.LoadKeysAsync(inputs);
        var expected = await LogisticsHandWritten.RowsAsync(_data.Fleet, LogisticsHandWritten.PushedDownSql);
        var differences = LogisticsHandWritten.Differences(result.Table, LogisticsData.PushedDownOutputs, expected);
        Assert.That(differences, Is.Empty, string.Join("\n", differences));
    }

    [Test]
    public async Task A_second_batch_scans_the_incidents_table_instead_of_seeking_each_depot_and_still_matches()
    {
        // The first fetch of the incidents seeks each depot in the index; having seen about 7 incidents per depot over a
        // table of 900, the SQLite source scans it for the second, of two thirds of the depots, and drops the other
        // third's rows itself.
        var reports = new Chalk.Sql.Sources.SqliteSource("Data Source=" + _data.SqlitePath);
        await using var engine = _data.BuildEngine(lifting, reports: reports);
        await AssertSameAsHandWritten(_data.AllDepots(), engine);
        Assert.That(reports.KeyLists.Scans, Is.Zero);
        var ids = Enumerable.Range(1, 80).Select(i => (long)i).ToList();
        await AssertSameAsHandWritten(LogisticsData.Inputs(ids, ids.Select(LogisticsData.AsOf).ToList()), engine);
        Assert.That(reports.KeyLists.Scans, Is.EqualTo(1));
    }

    private async Task AssertSameAsHandWritten(Apache.Arrow.RecordBatch inputs, ChalkEngine? shared = null)
    {
        await using var owned = shared is null ? _data.BuildEngine(lifting) : null;
        var engine = shared ?? owned!;
        var result = await engine.QueryBatchDetailedAsync(inputs, LogisticsData.Outputs, asOf: "ts");
        Assert.That(result.Errors, Is.Empty);
        await _data.LoadKeysAsync(inputs);
        var expected = await LogisticsHandWritten.RowsAsync(_data.Fleet);
        var differences = LogisticsHandWritten.Differences(result.Table, LogisticsData.Outputs, expected);
        Assert.That(differences, Is.Empty, string.Join("\n", differences));
        Assert.That(expected.Count(r => r[2] is 0), Is.GreaterThan(0), "some depots have no deliveries visible");
        Assert.That(expected.Count(r => r[41] is null && r[2] is 0), Is.GreaterThan(0), "some depots have no vehicles visible");
    }

    [Test]
    public async Task Explain()
    {
        await using var engine = _data.BuildEngine(lifting);
        var plan = engine.Explain(["depot.id"], LogisticsData.Outputs, online: false);
        TestContext.Out.WriteLine(plan);
        if (!lifting) return;
        // The late-minutes aggregates join the deliveries statement with the resolver inlined, and so does the string
        // ordering (LastPostcode) through a rank table, or by bytes where the culture agrees: the deliveries are never
        // fetched into the engine.
        var pushdown = plan.Split('\n').Single(l => l.TrimStart().StartsWith("Aggregate pushed down into deliveries.chalk.sql: count(deliveries); sum(", StringComparison.Ordinal));
        Assert.That(pushdown, Does.Contain("with delivery.late_minutes = LogisticsResolvers.LateMinutes inlined"));
        Assert.That(pushdown, Does.Contain("first(deliveries, col(\"delivery.postcode\"), by desc: col(\"delivery.postcode\"))"));
        Assert.That(plan, Does.Not.Contain("Lifted LogisticsResolvers.LateMinutes"));
        Assert.That(plan, Does.Not.Contain("HasMany depot.deliveries").And.Contain("HasMany depot.vehicles"));
        Assert.That(plan, Does.Contain("strings ranked in the query's culture into __chalk_rank_0: SELECT DISTINCT encode("));
        Assert.That(plan, Does.Contain("or, where the culture orders every ranked string as its bytes and the SQL is deterministic, the same statement comparing bytes"));
    }
}
