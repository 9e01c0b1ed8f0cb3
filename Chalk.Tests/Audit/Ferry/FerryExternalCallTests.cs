using Apache.Arrow;
using Chalk.Store;
using Chalk.Tests.Infrastructure;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>The port authority's berths through async resolvers: per row with a cap and a cache, in batches whose wrong
/// answer fails only its own rows, and a refusal that is an error of its row only.</summary>
public sealed class FerryExternalCallTests : FerryDatabaseFixture
{
    private static RecordBatch Sailings(IEnumerable<long> ids)
    {
        var b = new Int64Array.Builder();
        foreach (var id in ids) b.Append(id);
        var a = b.Build();
        return new RecordBatch(new Schema([new Field("ferry_sailing.id", a.Data.DataType, false)], null), [a], a.Length);
    }

    private static string? StringAt(BatchResult r, string column, int row) => ((StringArray)r.Table.Column(r.Table.Schema.GetFieldIndex(column))).GetString(row);

    [Test]
    public async Task Berths_per_row_respect_the_cap_and_a_refusal_fails_only_its_row()
    {
        var port = new PortAuthority { Delay = TimeSpan.FromMilliseconds(40) };
        await using var engine = FerryData.Engine(Db, store: null, Clock, port);
        var ids = FerryData.Sailings.Select(s => s.Id).ToList();
        var result = await engine.QueryBatchDetailedAsync(Sailings(ids), ["ferry_sailing.berth"]);
        Assert.That(port.MaxInFlight, Is.LessThanOrEqualTo(2), "MaxConcurrency = 2");
        for (int r = 0; r < ids.Count; r++)
        {
            var route = FerryData.Sailings[r].Route;
            if (route == "storm")
            {
                Assert.That(StringAt(result, "ferry_sailing.berth", r), Is.Null);
                Assert.That(result.Errors.Single().Row, Is.EqualTo(r));
                Assert.That(result.Errors.Single().Message, Does.Contain("InvalidOperationException").And.Contain("storm"));
            }
            else Assert.That(StringAt(result, "ferry_sailing.berth", r), Is.EqualTo(FerryData.BerthOf(route)), $"sailing {ids[r]}");
        }
    }

    [Test]
    public async Task A_batch_whose_answer_has_the_wrong_number_of_lines_fails_only_its_own_rows()
    {
        var port = new PortAuthority();
        await using var engine = FerryData.Engine(Db, store: null, Clock, port);
        // Sailing 3's route holds a newline, so the port answers four lines for the three routes of its batch.
        long[] ids = [1, 2, 3, 4, 5, 1, 2];
        var result = await engine.QueryBatchDetailedAsync(Sailings(ids), ["ferry_sailing.berth_batch"]);
        Assert.That(port.Calls, Is.EqualTo(3), "seven rows in batches of up to three");
        var failed = result.Errors.Select(e => e.Row).ToHashSet();
        Assert.That(failed, Does.Contain(2), "the row of sailing 3");
        Assert.That(failed, Has.Count.EqualTo(3), "its batch, and no other");
        Assert.That(result.Errors.First().Message, Does.Contain("returned 4 values for 3 rows"));
        for (int r = 0; r < ids.Length; r++)
        {
            var expected = failed.Contains(r) ? null : FerryData.BerthOf(FerryData.Sailings.Single(s => s.Id == ids[r]).Route);
            Assert.That(StringAt(result, "ferry_sailing.berth_batch", r), Is.EqualTo(expected), $"row {r}");
        }
    }

    [Test]
    public async Task Batch_queries_and_materialization_share_the_call_cache_with_online_queries()
    {
        var port = new PortAuthority();
        await using var store = new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { TimeProvider = Clock });
        await using var engine = FerryData.Engine(Db, store, Clock, port);
        var first = await engine.QueryBatchDetailedAsync(Sailings([1, 2]), ["ferry_sailing.berth"]);
        await engine.FlushOnlineStoreAsync();
        Assert.That(port.Calls, Is.EqualTo(2));
        var online = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_sailing.id"] = 2L }, ["ferry_sailing.berth"],
            new QueryOptions { Staleness = { ["ferry_sailing.berth"] = TimeSpan.Zero }, WriteBack = false });
        var again = await engine.QueryBatchDetailedAsync(Sailings([1, 2]), ["ferry_sailing.berth"]);
        Assert.That(port.Calls, Is.EqualTo(2), "answered from the call cache the first batch filled");
        Assert.That(online["ferry_sailing.berth"], Is.EqualTo(FerryData.BerthOf("say \"hi\"")));
        for (int r = 0; r < 2; r++) Assert.That(StringAt(again, "ferry_sailing.berth", r), Is.EqualTo(StringAt(first, "ferry_sailing.berth", r)));
    }

    [Test]
    public async Task Without_a_store_every_query_calls_again_and_with_one_the_cache_answers()
    {
        var port = new PortAuthority();
        await using (var bare = FerryData.Engine(Db, store: null, Clock, port))
        {
            for (int i = 0; i < 2; i++)
            {
                var r = await bare.QueryAsync(new Dictionary<string, object?> { ["ferry_sailing.id"] = 1L }, ["ferry_sailing.berth"]);
                Assert.That(r["ferry_sailing.berth"], Is.EqualTo(FerryData.BerthOf("Oslo, Kiel")));
            }
        }
        Assert.That(port.Calls, Is.EqualTo(2));

        await using var store = new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { TimeProvider = Clock });
        await using var engine = FerryData.Engine(Db, store, Clock, port);
        var options = new QueryOptions { Staleness = { ["ferry_sailing.berth"] = TimeSpan.Zero } };
        await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_sailing.id"] = 1L }, ["ferry_sailing.berth"], options);
        await engine.FlushOnlineStoreAsync();
        // Just inside: the in-memory store drops an entry at exactly its time to live.
        Clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromTicks(1));
        var cached = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_sailing.id"] = 1L }, ["ferry_sailing.berth"], options);
        Assert.That(cached["ferry_sailing.berth"], Is.EqualTo(FerryData.BerthOf("Oslo, Kiel")));
        Assert.That(port.Calls, Is.EqualTo(3), "younger than CacheFor = 1d");
        Clock.Advance(TimeSpan.FromSeconds(1));
        await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_sailing.id"] = 1L }, ["ferry_sailing.berth"], options);
        Assert.That(port.Calls, Is.EqualTo(4), "past CacheFor the port is asked again");
    }
}
