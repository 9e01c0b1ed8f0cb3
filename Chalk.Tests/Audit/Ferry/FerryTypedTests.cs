using Chalk.DataAnalysis;
using Chalk.Tests.Infrastructure;
using Chalk.Tests.Store;
using Microsoft.Data.Analysis;
using Microsoft.ML;
using Microsoft.ML.Data;
using AnalysisFrame = Microsoft.Data.Analysis.DataFrame;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>The typed API and DataFrames over the ferry: nulls, empty strings, nullable value types, times before 1970
/// and their kinds, tiny and inexact doubles, integers past 2^53; an input a feature cannot hold is an error naming it.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class FerryTypedTests(bool lifting)
{
    private ScratchSqlite _db = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = await FerryData.CreateAsync();
        _engine = FerryData.Engine(_db, store: null, new ManualClock(FerryData.Now), lifting: lifting);
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        _db.Delete();
    }

    private static readonly string[] TicketOutputs = Feature.Paths<FerryTicket>(
        t => t.Price, t => t.Passenger, t => t.BookedAt, t => t.PriceWithFee, t => t.Sailing!.DepartsAt, t => t.Sailing!.Route, t => t.Sailing!.Vessel!.Capacity,
        t => t.Sailing!.Vessel!.TonnageKt);

    [Test]
    public async Task Every_ticket_is_filled_with_its_rows_values_as_plain_csharp_reads_them()
    {
        foreach (var row in FerryData.Tickets)
        {
            var t = await _engine.QueryAsync<FerryTicket>(new { Id = row.Id }, TicketOutputs);
            Assert.That(t, Is.Not.Null, $"ticket {row.Id}");
            Assert.That(t!.Id, Is.EqualTo(row.Id));
            Assert.That(t.Price, Is.EqualTo(row.Price), $"ticket {row.Id}");
            Assert.That(t.PriceWithFee, Is.EqualTo(row.Price * 1.05), $"ticket {row.Id}");
            Assert.That(t.Passenger, Is.EqualTo(row.Passenger), $"ticket {row.Id}: null stays null, empty stays empty");
            Assert.That(t.BookedAt, Is.EqualTo(row.BookedAt), $"ticket {row.Id}");
            Assert.That(t.BookedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            var sailing = FerryData.Sailings.FirstOrDefault(s => s.Id == row.SailingId);
            if (sailing is null)
            {
                Assert.That(t.Sailing, Is.Null, $"ticket {row.Id}: sailing {row.SailingId} does not exist");
                continue;
            }
            Assert.That(t.Sailing!.DepartsAt, Is.EqualTo(sailing.DepartsAt), $"ticket {row.Id}");
            Assert.That(t.Sailing.DepartsAt.Kind, Is.EqualTo(DateTimeKind.Unspecified), "a DateTime feature is a wall-clock time");
            Assert.That(t.Sailing.Route, Is.EqualTo(sailing.Route), $"ticket {row.Id}");
            var vessel = FerryData.Vessel(sailing.VesselId!);
            Assert.That(t.Sailing.Vessel?.Capacity, Is.EqualTo(vessel?.Capacity), $"ticket {row.Id}");
            Assert.That(t.Sailing.Vessel?.TonnageKt, Is.EqualTo(vessel?.TonnageKt), $"ticket {row.Id}");
            Assert.That(t.Sailing.Vessel is null, Is.EqualTo(vessel is null), $"ticket {row.Id}");
        }
    }

    [Test]
    public async Task A_batch_of_anonymous_rows_answers_as_one_query_per_row()
    {
        var ids = FerryData.Tickets.Select(t => t.Id).Append(999).ToList();
        var batch = await _engine.QueryBatchAsync<FerryTicket>(ids.Select(id => (object)new { Id = id }), TicketOutputs);
        Assert.That(batch, Has.Count.EqualTo(ids.Count));
        Assert.That(batch[^1], Is.Null, "ticket 999 does not exist");
        for (int i = 0; i < FerryData.Tickets.Length; i++)
        {
            var one = await _engine.QueryAsync<FerryTicket>(new { Id = ids[i] }, TicketOutputs);
            Assert.That(batch[i]!.Price, Is.EqualTo(one!.Price));
            Assert.That(batch[i]!.Passenger, Is.EqualTo(one.Passenger));
            Assert.That(batch[i]!.BookedAt, Is.EqualTo(one.BookedAt));
            Assert.That(batch[i]!.Sailing?.DepartsAt, Is.EqualTo(one.Sailing?.DepartsAt));
            Assert.That(batch[i]!.Sailing?.Vessel?.Capacity, Is.EqualTo(one.Sailing?.Vessel?.Capacity));
        }
    }

    [Test]
    public async Task Nullable_inputs_given_as_null_or_values_override_the_rows()
    {
        var v = await _engine.QueryAsync<FerryVessel>(new { Id = "MV-1", Capacity = (long?)null, TonnageKt = (double?)2.5 },
            Feature.Paths<FerryVessel>(x => x.Capacity, x => x.TonnageKt, x => x.Name));
        Assert.That(v!.Capacity, Is.Null);
        Assert.That(v.TonnageKt, Is.EqualTo(2.5));
        Assert.That(v.Name, Is.EqualTo("Aurora"));
    }

    [TestCase(9_007_199_254_740_993L)]
    [TestCase(-9_007_199_254_740_993L)]
    [TestCase(long.MaxValue)]
    public async Task A_long_a_double_feature_cannot_hold_exactly_is_refused_naming_the_input(long given)
    {
        var e = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryAsync(
            new Dictionary<string, object?> { ["ferry_vessel.id"] = "MV-1", ["ferry_vessel.tonnage_kt"] = given }, ["ferry_vessel.name"]));
        Assert.That(e!.Message, Does.Contain("ferry_vessel.tonnage_kt"));
        var typed = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryBatchAsync<FerryVessel>([new { Id = "MV-1", TonnageKt = given }], ["ferry_vessel.name"]));
        Assert.That(typed!.Message, Does.Contain("ferry_vessel.tonnage_kt"));
        var batch = new Apache.Arrow.RecordBatch(new Apache.Arrow.Schema([new("ferry_vessel.id", Apache.Arrow.Types.StringType.Default, false), new("ferry_vessel.tonnage_kt", Apache.Arrow.Types.Int64Type.Default, false)], null),
            [new Apache.Arrow.StringArray.Builder().Append("MV-1").Build(), new Apache.Arrow.Int64Array.Builder().Append(given).Build()], 1);
        var arrow = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryBatchAsync(batch, ["ferry_vessel.name"]));
        Assert.That(arrow!.Message, Does.Contain("ferry_vessel.tonnage_kt"));
    }

    [TestCase(4_294_967_297L)]
    [TestCase(-4_294_967_295L)]
    public async Task A_long_key_past_an_int_keys_range_is_refused_not_wrapped_onto_another_ticket(long id)
    {
        var e = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryAsync(new Dictionary<string, object?> { ["ferry_ticket.id"] = id }, ["ferry_ticket.price"]));
        Assert.That(e!.Message, Does.Contain("ferry_ticket.id"));
        var batch = new Apache.Arrow.RecordBatch(new Apache.Arrow.Schema([new("ferry_ticket.id", Apache.Arrow.Types.Int64Type.Default, false)], null),
            [new Apache.Arrow.Int64Array.Builder().Append(1).Append(id).Build()], 2);
        var b = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryBatchAsync(batch, ["ferry_ticket.price"]));
        Assert.That(b!.Message, Does.Contain("ferry_ticket.id"));
    }

    [Test]
    public async Task A_long_a_double_holds_exactly_is_taken()
    {
        var r = await _engine.QueryAsync(new Dictionary<string, object?> { ["ferry_vessel.id"] = "MV-1", ["ferry_vessel.tonnage_kt"] = 9_007_199_254_740_992L }, ["ferry_vessel.tonnage_kt"]);
        Assert.That(r.Get<double>("ferry_vessel.tonnage_kt"), Is.EqualTo(9_007_199_254_740_992.0));
    }

    [TestCase(1.5)]
    public async Task Members_of_types_no_feature_has_are_refused_naming_them(double value)
    {
        var e = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryAsync<FerryVessel>(new { Id = "MV-1", TonnageKt = (decimal)value }, ["ferry_vessel.name"]));
        Assert.That(e!.Message, Does.Contain("ferry_vessel.tonnage_kt").And.Contain("decimal"));
        var g = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryAsync<FerryVessel>(new { Id = Guid.Empty }, ["ferry_vessel.name"]));
        Assert.That(g!.Message, Does.Contain("ferry_vessel.id").And.Contain("Guid"));
    }

    [Test]
    public async Task A_dataframe_round_trip_keeps_nulls_times_before_1970_and_tiny_doubles()
    {
        var ids = FerryData.Tickets.Select(t => (long)t.Id).ToArray();
        var inputs = new AnalysisFrame(new Int64DataFrameColumn("ferry_ticket.id", ids));
        string[] outputs = ["ferry_ticket.price", "ferry_ticket.passenger", "ferry_ticket.booked_at", "ferry_ticket.sailing.departs_at", "ferry_ticket.sailing.vessel.capacity"];
        var frame = await _engine.QueryBatchAsync(inputs, outputs);
        Assert.That(frame.Rows.Count, Is.EqualTo(ids.Length));
        for (int r = 0; r < ids.Length; r++)
        {
            var row = FerryData.Tickets[r];
            var sailing = FerryData.Sailings.FirstOrDefault(s => s.Id == row.SailingId);
            Assert.That(frame.Columns["ferry_ticket.price"][r], Is.EqualTo(row.Price), $"row {r}");
            Assert.That(frame.Columns["ferry_ticket.passenger"][r], Is.EqualTo(row.Passenger), $"row {r}");
            Assert.That(frame.Columns["ferry_ticket.booked_at"][r], Is.EqualTo(row.BookedAt.UtcDateTime), $"row {r}");
            Assert.That(frame.Columns["ferry_ticket.sailing.departs_at"][r], Is.EqualTo(sailing?.DepartsAt), $"row {r}");
            Assert.That(frame.Columns["ferry_ticket.sailing.vessel.capacity"][r],
                Is.EqualTo(sailing is null ? null : FerryData.Vessel(sailing.VesselId!)?.Capacity), $"row {r}");
        }

        // ML.NET reads the same frame as an IDataView: the prices as a column of doubles, nulls as NaN.
        IDataView view = frame;
        var prices = view.GetColumn<double>(view.Schema["ferry_ticket.price"]).ToArray();
        Assert.That(prices, Is.EqualTo(FerryData.Tickets.Select(t => t.Price).ToArray()));
    }

    [Test]
    public async Task A_dataframe_column_of_a_type_no_feature_has_is_refused_naming_it()
    {
        var inputs = new AnalysisFrame(new StringDataFrameColumn("ferry_ticket.id", ["1"]));
        var e = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryBatchAsync(inputs, ["ferry_ticket.price"]));
        Assert.That(e!.Message, Does.Contain("ferry_ticket.id"));
        var big = new AnalysisFrame(new Int64DataFrameColumn("ferry_ticket.id", [long.MaxValue]));
        var o = await Assert.CatchAsync<ArgumentException>(() => _engine.QueryBatchAsync(big, ["ferry_ticket.price"]));
        Assert.That(o!.Message, Does.Contain("ferry_ticket.id"));
    }
}
