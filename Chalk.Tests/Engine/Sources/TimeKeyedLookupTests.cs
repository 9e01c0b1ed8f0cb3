using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Sources;

/// <summary>A SQL lookup keyed by a time stamp: rows whose keys differ below a second are looked up separately.</summary>
public class TimeKeyedLookupTests
{
    [Features(Name = "quote")]
    public class Quote
    {
        [Primary] public DateTime QuotedAt { get; init; }
        public double Price { get; init; }
    }

    [Test]
    public async Task Keys_a_millisecond_apart_get_their_own_rows()
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                create table quotes as select * from (values
                  (TIMESTAMP '2026-11-26 10:00:00', 1.0),
                  (TIMESTAMP '2026-11-26 10:00:00.001', 2.0),
                  (TIMESTAMP '2026-11-26 10:00:00.000001', 3.0)) t(quoted_at, price)
                """;
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        await using var engine = ChalkEngine.CreateBuilder()
            .AddFeatures(typeof(Quote))
            .AddSource("db", source, disposeWithEngine: false)
            .AddSqlResolver("quotes.chalk.sql", "-- resolves: Quote\n-- source: db\nselect quoted_at, price from quotes where quoted_at = ${quote.quoted_at}\n")
            .Build();
        var t = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var at = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null))
            .Append(t).Append(t.AddMilliseconds(1)).Append(t.AddTicks(10)).Append(t).Build();
        var inputs = new RecordBatch(new Schema([new Field("quote.quoted_at", at.Data.DataType, false)], null), [at], 4);
        using var result = await engine.QueryBatchAsync(inputs, ["quote.price"]);
        Assert.That(Enumerable.Range(0, 4).Select(r => ArrowValues.Get(result.Column(0), r)), Is.EqualTo(new object[] { 1.0, 2.0, 3.0, 1.0 }));
    }
}
