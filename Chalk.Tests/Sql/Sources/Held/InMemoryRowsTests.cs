using Apache.Arrow;
using Chalk.Sql.Sources;
using DuckDB.NET.Data;

namespace Chalk.Tests.Sql.Sources.Held;

/// <summary>A read-only DuckDB file's resolver files held in memory (<see cref="DuckDbSource.InMemoryRows"/>) answer
/// every query exactly as DuckDB's statements do: two engines over the same file, one holding its rows and one not,
/// are compared value for value, error for error and missing row for missing row.</summary>
public sealed class InMemoryRowsTests
{
    private const string Lighthouses = "-- resolves: Lighthouse\n-- source: coast\nselect code, name, height_m, automated, lit_at, range, lamps from lighthouses\n";
    private const string Keepers = "-- resolves: Keeper\n-- source: coast\nselect id, lighthouse_code, name, shifts, joined_at from keepers\n";
    private const string Entries = "-- resolves: LogEntry\n-- source: coast\nselect id, keeper_id, written_at, wind, note from logbook\n";

    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);  // the batches' latest as-of time
    private string _folder = null!;
    private string _file = null!;

    // Codes differ only by case or a trailing space ('ab1' and 'AB1', 'ab1 '): the column compares them equal, the
    // engine must not. Keepers join some lighthouses at times around the query times; some point at no lighthouse.
    [OneTimeSetUp]
    public void CreateCoast()
    {
        _folder = Directory.CreateTempSubdirectory("chalk-held-").FullName;
        _file = Path.Combine(_folder, "coast.duckdb");
        using var connection = new DuckDBConnection("Data Source=" + _file);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            create table lighthouses (code varchar collate nocase primary key, name varchar, height_m double, automated boolean,
                                      lit_at timestamp, range float, lamps smallint);
            insert into lighthouses values ('ab1', 'Ardnamurchan', 36.0, true, '1849-03-01 00:00:00', 18.5, 2),
                                           ('XY9', 'Eddystone', 49.0, null, null, null, null),
                                           ('é1', 'Phare é', -0.0, false, '2026-02-28 12:00:00', 0.0, 1);
            insert into lighthouses select 'L' || i, 'Light ' || i, i * 1.5, i % 2 = 0, timestamp '2000-01-01' + to_days(i), i / 4.0, (i % 5)::smallint from range(200) t(i);
            create table keepers (id bigint primary key, lighthouse_code varchar collate nocase, name varchar, shifts integer, joined_at timestamp);
            insert into keepers values (1, 'ab1', 'Ada', 3, '2026-02-28 13:00:00'), (2, 'AB1', 'Bo', 5, '2020-01-01'),
                                       (3, 'ab1 ', 'Cy', 7, '2020-01-01'), (4, 'xy9', 'Di', 1, '2026-03-01 12:00:00'),
                                       (5, null, 'Ed', 2, '2020-01-01'), (6, 'nowhere', 'Fi', 4, '2020-01-01'),
                                       (7, 'é1', 'Gus', 9, '2026-01-30 12:00:00');
            insert into keepers select 100 + i, 'L' || (i % 150), 'Keeper ' || i, i % 11, timestamp '2025-12-01' + to_hours(i * 7) from range(900) t(i);
            create table logbook (id bigint, keeper_id bigint, written_at timestamp, wind double, note varchar);
            insert into logbook values (1, 1, '2026-02-28 14:00:00', 12.5, 'gale'), (2, 1, '2026-03-01 12:00:01', 99.0, 'future'),
                                       (3, 2, '2021-01-01', 'nan'::double, 'fog'), (4, 3, '2021-01-01', null, ''),
                                       (5, 7, '2026-02-01', -0.0, 'null'), (6, 2, '2021-01-01', 'inf'::double, null);
            insert into logbook select 1000 + i, 100 + (i % 900), timestamp '2025-12-02' + to_hours(i), (i % 37) * 1.25, 'entry ' || i from range(5000) t(i);
            create view keepers_view as select * from keepers;
            """;
        command.ExecuteNonQuery();
    }

    [OneTimeTearDown]
    public void DeleteCoast() => Directory.Delete(_folder, true);

    private static readonly string[] LighthouseOutputs =
    [
        "lighthouse.name", "lighthouse.height_m", "lighthouse.automated", "lighthouse.lit_at", "lighthouse.range", "lighthouse.lamps",
        "lighthouse.keeper_count", "lighthouse.total_shifts", "lighthouse.first_keeper", "lighthouse.log_entries",
        "lighthouse.strongest_wind", "lighthouse.recent_keepers[1d]", "lighthouse.recent_keepers[30d]",
    ];

    private static readonly string[] KeeperOutputs =
    [
        "keeper.name", "keeper.shifts", "keeper.entry_count", "keeper.calmest_wind", "keeper.last_note",
        "keeper.lighthouse_name", "keeper.lighthouse.height_m", "keeper.lighthouse.keeper_count",
    ];

    private static readonly string[] Codes = ["ab1", "AB1", "ab1 ", "XY9", "xy9", "é1", "e\u03011", "nowhere", "", "L7", "l7", "L149", "L150", "L199"];

    private DuckDbSource Source(int inMemoryRows) => new("Data Source=" + _file) { InMemoryRows = inMemoryRows };

    private static ChalkEngine Build(DuckDbSource source, string keepers = Keepers) => ChalkEngine.CreateBuilder()
        .AddFeatures(typeof(Lighthouse), typeof(Keeper), typeof(LogEntry))
        .AddSource("coast", source, disposeWithEngine: false)
        .AddSqlResolver("lighthouses.chalk.sql", Lighthouses)
        .AddSqlResolver("keepers.chalk.sql", keepers)
        .AddSqlResolver("logbook.chalk.sql", Entries)
        .WithoutOnlineStore()
        .Build();

    [Test]
    public async Task Online_queries_by_text_key_answer_as_duckdbs_statements()
    {
        int held = await SameOnlineAsync("lighthouse.code", Codes, LighthouseOutputs);
        Assert.That(held, Is.GreaterThanOrEqualTo(2), "the lighthouses and keepers files are held");
    }

    [Test]
    public async Task Online_queries_by_integer_key_through_a_has_one_answer_as_duckdbs_statements()
    {
        int held = await SameOnlineAsync("keeper.id", new object[] { 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 100L, 555L, 999L, 1000L, -1L }, KeeperOutputs);
        Assert.That(held, Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Concurrent_first_queries_answer_as_duckdbs_statements()
    {
        await using var plainSource = Source(0);
        await using var plain = Build(plainSource);
        var expected = new Dictionary<string, string>();
        foreach (var code in Codes)
            expected[code] = (await plain.QueryAsync(new Dictionary<string, object?> { ["lighthouse.code"] = code }, LighthouseOutputs)).ToString();
        await using var heldSource = Source(100_000);
        await using var held = Build(heldSource);
        var calls = Enumerable.Range(0, 48).Select(i => Task.Run(async () =>
        {
            var code = Codes[i % Codes.Length];
            var result = await held.QueryAsync(new Dictionary<string, object?> { ["lighthouse.code"] = code }, LighthouseOutputs);
            Assert.That(result.ToString(), Is.EqualTo(expected[code]), $"code '{code}'");
        }));
        await Task.WhenAll(calls);
        Assert.That(heldSource.HeldFiles, Is.GreaterThanOrEqualTo(2));
    }

    // Each key queried on both engines, compared as the result prints (values, errors, missing rows); the held files.
    private async Task<int> SameOnlineAsync(string input, IEnumerable<object> keys, string[] outputs)
    {
        await using var heldSource = Source(100_000);
        await using var plainSource = Source(0);
        await using var held = Build(heldSource);
        await using var plain = Build(plainSource);
        foreach (var key in keys)
        {
            var inputs = new Dictionary<string, object?> { [input] = key };
            var expected = await plain.QueryAsync(inputs, outputs);
            var actual = await held.QueryAsync(inputs, outputs);
            Assert.That(actual.ToString(), Is.EqualTo(expected.ToString()), $"{input} = '{key}'");
        }
        return heldSource.HeldFiles;
    }

    [Test]
    public async Task Point_in_time_batches_answer_as_duckdbs_statements([Values(3, 40, 400)] int rows)
    {
        await using var heldSource = Source(100_000);
        await using var plainSource = Source(0);
        await using var held = Build(heldSource);
        await using var plain = Build(plainSource);
        var random = new Random(rows);
        var codes = Enumerable.Range(0, rows).Select(i => i < Codes.Length ? Codes[i] : "L" + random.Next(210)).ToList();
        var times = Enumerable.Range(0, rows).Select(i => Now.AddHours(-random.Next(24 * 60)).AddTicks(random.Next(2) * 10)).ToList();
        var codeArray = new StringArray.Builder().AppendRange(codes).Build();
        var timeArray = new TimestampArray.Builder(new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, "UTC"))
            .AppendRange(times.Select(t => new DateTimeOffset(t))).Build();
        var batch = new RecordBatch(new Schema([new Field("lighthouse.code", codeArray.Data.DataType, false), new Field("ts", timeArray.Data.DataType, false)], null),
            [codeArray, timeArray], rows);
        var expected = await plain.QueryBatchDetailedAsync(batch, LighthouseOutputs, asOf: "ts");
        var actual = await held.QueryBatchDetailedAsync(batch, LighthouseOutputs, asOf: "ts");
        Assert.That(Text(actual), Is.EqualTo(Text(expected)));
        // Calls of more than 64 keys run in DuckDB, which joins them in one statement.
        Assert.That(heldSource.HeldFiles, rows <= 64 ? Is.GreaterThanOrEqualTo(1) : Is.EqualTo(0));
    }

    // Every cell (a value's type and text), then the errors and missing rows.
    private static string Text(BatchResult result)
    {
        var text = new System.Text.StringBuilder();
        for (int r = 0; r < result.Table.Length; r++)
        {
            for (int c = 0; c < result.Table.ColumnCount; c++)
            {
                var value = Chalk.Expressions.ArrowValues.Get(result.Table.Column(c), r);
                text.Append(value?.GetType().Name).Append(':').Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append(" | ");
            }
            text.Append('\n');
        }
        foreach (var e in result.Errors) text.Append("error ").Append(e).Append('\n');
        foreach (var m in result.MissingRows) text.Append("missing ").Append(m).Append('\n');
        return text.ToString();
    }

    [Test]
    public async Task A_file_that_reads_a_view_or_calls_random_is_not_held_and_still_answers()
    {
        string[] files =
        [
            "-- resolves: Keeper\n-- source: coast\nselect id, lighthouse_code, name, shifts, joined_at from keepers_view\n",
            "-- resolves: Keeper\n-- source: coast\nselect id, lighthouse_code, name, (shifts + (random() * 0)::integer) as shifts, joined_at from keepers\n",
            "-- resolves: Keeper\n-- source: coast\nselect id, lighthouse_code, name, shifts, least(joined_at, current_timestamp::timestamp) as joined_at from keepers\n",
            "-- resolves: Keeper\n-- source: coast\nselect id, lighthouse_code, name, shifts, least(joined_at, now()::timestamp) as joined_at from keepers\n",
        ];
        foreach (var keepers in files)
        {
            await using var source = Source(100_000);
            await using var engine = Build(source, keepers);
            var result = await engine.QueryAsync(new Dictionary<string, object?> { ["keeper.id"] = 2L }, ["keeper.name", "keeper.shifts"]);
            Assert.That(result.Get<int>("keeper.shifts"), Is.EqualTo(5), keepers);
            Assert.That(source.HeldFiles, Is.EqualTo(0), keepers);
        }
    }

    [Test]
    public async Task A_file_over_the_limit_is_not_held()
    {
        await using var source = Source(500);
        await using var engine = Build(source);
        var result = await engine.QueryAsync(new Dictionary<string, object?> { ["keeper.id"] = 555L }, ["keeper.name", "keeper.entry_count"]);
        Assert.That(result.Get<string>("keeper.name"), Is.EqualTo("Keeper 455"));
        Assert.That(result.Get<long>("keeper.entry_count"), Is.EqualTo(6));
        Assert.That(source.HeldFiles, Is.EqualTo(0), "907 keepers and 5006 entries are over 500 rows");
    }

    [Test]
    public void A_writable_or_in_memory_database_refuses_the_setting()
    {
        Assert.Throws<InvalidOperationException>(() => _ = new DuckDbSource("Data Source=:memory:") { InMemoryRows = 10 });
        var ex = Assert.Throws<InvalidOperationException>(() => _ = new DuckDbSource("Data Source=" + _file, readOnly: false) { InMemoryRows = 10 });
        Assert.That(ex!.Message, Does.Contain("InMemoryRows").And.Contain("read-only"));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new DuckDbSource("Data Source=" + _file) { InMemoryRows = -1 });
    }
}

