using Chalk.Tests.Infrastructure;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>A <see cref="DateTime"/> of kind <see cref="DateTimeKind.Local"/> names one instant, whatever the machine's
/// zone: given for a <see cref="DateTimeOffset"/> feature or as a row's as-of time, it is that instant, not its local wall
/// clock read as UTC. The process's zone is switched to New York for the test.</summary>
[NonParallelizable]
public sealed class FerryLocalTimeTests
{
    private ScratchSqlite _db = null!;
    private ChalkEngine _engine = null!;
    private string? _zone;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        _db = await FerryData.CreateAsync();
        _engine = FerryData.Engine(_db, store: null, new ManualClock(FerryData.Now));
        _zone = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", "America/New_York");
        TimeZoneInfo.ClearCachedData();
        Assert.That(TimeZoneInfo.Local.GetUtcOffset(new DateTime(2026, 5, 2)), Is.EqualTo(TimeSpan.FromHours(-4)), "the test runs in New York's summer time");
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        Environment.SetEnvironmentVariable("TZ", _zone);
        TimeZoneInfo.ClearCachedData();
        await _engine.DisposeAsync();
        _db.Delete();
    }

    // 2026-05-02 08:00 in New York is 12:00 UTC.
    private static readonly DateTime LocalMorning = new(2026, 5, 2, 8, 0, 0, DateTimeKind.Local);
    private static readonly DateTimeOffset Instant = new(2026, 5, 2, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task A_local_time_given_for_an_instant_feature_is_that_instant()
    {
        var r = await _engine.QueryAsync(new Dictionary<string, object?> { ["ferry_ticket.id"] = 1, ["ferry_ticket.booked_at"] = LocalMorning }, ["ferry_ticket.booked_at"]);
        Assert.That(r.Get<DateTimeOffset>("ferry_ticket.booked_at"), Is.EqualTo(Instant));
        var typed = await _engine.QueryAsync<FerryTicket>(new { Id = 1, BookedAt = LocalMorning }, Feature.Paths<FerryTicket>(t => t.BookedAt));
        Assert.That(typed!.BookedAt, Is.EqualTo(Instant));
    }

    [Test]
    public async Task A_local_as_of_time_in_a_dataframe_is_that_instant()
    {
        // Sailing 1's tickets were booked at 2026-05-01 10:00 and 2026-05-02 10:00 UTC: the day before 12:00 UTC holds one.
        var expected = FerryData.Tickets.Count(t => t.SailingId == 1 && t.BookedAt >= Instant - TimeSpan.FromDays(1));
        Assert.That(expected, Is.EqualTo(1));
        foreach (var at in new[] { LocalMorning, Instant.UtcDateTime })
        {
            var inputs = new Microsoft.Data.Analysis.DataFrame(
                new Microsoft.Data.Analysis.Int64DataFrameColumn("ferry_sailing.id", [1L]),
                new Microsoft.Data.Analysis.DateTimeDataFrameColumn("at", [at]));
            var frame = await Chalk.DataAnalysis.DataFrameQueries.QueryBatchAsync(_engine, inputs, ["ferry_sailing.recent_tickets[1d]"], asOf: "at");
            Assert.That(frame.Columns["ferry_sailing.recent_tickets[1d]"][0], Is.EqualTo((long)expected), $"as of {at:o} ({at.Kind})");
        }
    }
}
