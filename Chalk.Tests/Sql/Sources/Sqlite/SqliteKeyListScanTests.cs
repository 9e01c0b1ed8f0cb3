using Apache.Arrow;
using Chalk.Sql.Sources;
using Chalk.Sql.Templates;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Sql.Sources.Sqlite;

/// <summary>A has-many fetch of a JSON list of keys from SQLite seeks each key in the index, or scans the table when the
/// keys cover enough of it: both forms return the same rows, whatever the key column holds. Domain: beehives and the
/// inspections of each hive.</summary>
public sealed class SqliteKeyListScanTests
{
    private readonly ScratchSqlite _file = new("chalk-sqlite-keylists");

    [OneTimeTearDown]
    public void DeleteFile() => _file.Delete();

    // The statement the engine writes for a has-many fetch by a list of keys, with its parts.
    private static SqlQuery Fetch(SqlSource source, string id, bool withKeyList = true)
    {
        var file = new SqlTemplate([SqlSegment.Literal("select id, hive_id, notes from inspections")], 0);
        var filter = source.KeyListFilter("t.hive_id")!.Value;
        var condition = new SqlTemplate([SqlSegment.Literal(filter.Before), SqlSegment.Parameter(0), SqlSegment.Literal(filter.After)], 1);
        var template = file.Wrap("select t.id, t.notes, t.hive_id from (", [SqlSegment.Literal(") as t where "), .. condition.Segments], 1);
        return new SqlQuery(id, template, [Apache.Arrow.Types.StringType.Default], "hives/inspections.chalk.sql")
        {
            KeyList = withKeyList ? new SqlKeyList(new SqlFilteredRows("t.id, t.notes, t.hive_id", file, "t", condition), "t.hive_id", "hive_id") : null,
        };
    }

    private static RecordBatch Keys(IEnumerable<long> keys)
        => new(new Schema([new Field("p0", Apache.Arrow.Types.StringType.Default, true)], null),
            [new StringArray.Builder().Append("[" + string.Join(",", keys) + "]").Build()], 1);

    private static async Task<long[]> IdsAsync(SqlSource source, SqlQuery query, RecordBatch keys)
    {
        using var result = await source.QueryAsync(query, keys);
        var ids = new List<long>();
        foreach (var batch in result.Batches)
        {
            var column = (Int64Array)batch.Column(batch.Schema.GetFieldIndex("id"));
            for (int i = 0; i < column.Length; i++) ids.Add(column.GetValue(i)!.Value);
        }
        ids.Sort();
        return [.. ids];
    }

    [Test]
    public async Task Keys_covering_the_table_are_scanned_after_the_first_fetch_and_find_the_same_rows()
    {
        // The key column has no declared type and holds integers, reals equal to integers, numeric text, NULL and a
        // blob: the scan runs the same comparison, so it finds exactly the rows the seek finds.
        await _file.ExecuteAsync("""
            create table inspections (id integer primary key, hive_id, notes TEXT);
            create index inspections_hive on inspections(hive_id);
            with recursive s(i) as (select 1 union all select i + 1 from s where i < 4000)
            insert into inspections select i,
                case i % 50 when 0 then (i % 1000) * 1.0 when 1 then cast(i % 1000 as text) when 2 then null when 3 then x'05' else i % 1000 end,
                'inspection ' || i from s;
            """);
        await using var source = new SqliteSource(_file.ConnectionString);
        var keys = Keys(Enumerable.Range(0, 1000).Select(k => (long)k).Append(5).Append(-1));
        var seek = await IdsAsync(source, Fetch(source, "hives#seek", withKeyList: false), keys);
        // Rows with integer keys and with reals equal to them (4000 rows, less NULLs, text and blobs: 80 each).
        Assert.That(seek, Has.Length.EqualTo(4000 - 3 * 80));
        var query = Fetch(source, "hives#keys");
        var first = await IdsAsync(source, query, keys);
        var second = await IdsAsync(source, query, keys);
        Assert.That(source.KeyLists.Scans, Is.GreaterThan(0), "4 rows per key over a table of 4 rows per key: a scan");
        Assert.That(first, Is.EqualTo(seek));
        Assert.That(second, Is.EqualTo(seek));

        // Half the keys: the scan passes every integer-keyed row and the reader drops those of the other half.
        var even = Keys(Enumerable.Range(0, 500).Select(k => 2L * k));
        int scans = source.KeyLists.Scans;
        var evenSeek = await IdsAsync(source, Fetch(source, "hives#seek", withKeyList: false), even);
        Assert.That(await IdsAsync(source, query, even), Is.EqualTo(evenSeek));
        Assert.That(source.KeyLists.Scans, Is.EqualTo(scans + 1));
        Assert.That(evenSeek, Has.Length.InRange(1000, 3000));
    }

    [Test]
    public void A_scan_is_chosen_only_where_the_table_is_small_for_the_keys_and_the_rows_they_find()
    {
        var planner = new SqliteKeyListPlanner();
        var query = Fetch(new SqliteSource("Data Source=unused.db"), "planner#keys");
        var limits = new List<long>();
        long tableRows = 200_000;
        SqlQuery Choose(int keys) => planner.Choose(query, keys, (count, limit) =>
        {
            Assert.That(count.Template.ToString().ReplaceLineEndings(" "),
                Is.EqualTo("select count(*) from (select 1 from ( select id, hive_id, notes from inspections ) limit $1)"));
            limits.Add(limit);
            return Math.Min(tableRows, limit);
        });

        // Nothing seen yet: a scan pays only below 1.9 rows per key, so 50k keys over 200k rows seek, and the count
        // stops at the bound instead of reading the table.
        Assert.That(Choose(50_000), Is.SameAs(query));
        Assert.That(limits, Is.EqualTo(new long[] { 95_001 }));
        // Four rows found per key: now the scan pays, and the count is taken again up to the larger bound.
        planner.Fetched(query, 50_000, 200_000);
        var scan = Choose(50_000);
        Assert.That(scan.Id, Is.EqualTo("planner#keys#scan"));
        Assert.That(scan.Template.ToString(), Does.Contain("where likelihood(typeof(t.hive_id) = 'integer' or (t.hive_id COLLATE BINARY in (select value from json_each($1))), 0.9)"));
        Assert.That(limits, Has.Count.EqualTo(2));
        // A count that was not cut short holds for a while: no third count.
        Assert.That(Choose(50_000), Is.SameAs(scan));
        Assert.That(limits, Has.Count.EqualTo(2));
        // Fifty keys that find four rows each: seeking them is far cheaper than reading 200k rows.
        planner.Fetched(query, 50, 200);
        Assert.That(Choose(50), Is.SameAs(query));
        Assert.That(planner.Scans, Is.EqualTo(2));
    }

    [TestCase("[]", 0)]
    [TestCase("[7]", 1)]
    [TestCase("[1,2,-3]", 3)]
    [TestCase(" [1, 2] ", 2)]
    public void The_keys_of_a_json_list_are_counted(string json, int keys) => Assert.That(SqliteKeyListPlanner.KeysIn(json), Is.EqualTo(keys));
}
