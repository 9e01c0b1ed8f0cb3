using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Sql.Sources;

/// <summary>Each PostgreSQL result type the source maps, read with its typed getter: values at the edges of their
/// ranges and a null of each, on rows that alternate. Domain: a weather station's readings.</summary>
public sealed class PostgresTypedReadTests
{
    [Test]
    public async Task Every_mapped_type_reads_its_values_and_nulls()
    {
        await using var source = new PostgresSource(PostgresServer.Shared.ConnectionString());
        var query = SqlText.Query("""
            select case when i = 1 then true end as calibrated, case when i = 1 then (-32768)::smallint end as gust,
                   case when i = 1 then 2147483647 end as pressure, case when i = 1 then (-9223372036854775808)::bigint end as ticks,
                   case when i = 1 then 0.1::real end as drift, case when i = 1 then -0.0::float8 end as celsius,
                   case when i = 1 then 1234567.125::numeric(12, 3) end as rain, case when i = 1 then 'NNE'::char(5) end as heading,
                   case when i = 1 then 'Zürich 北'::varchar(20) end as station, case when i = 1 then 'pg_class'::name end as tag,
                   case when i = 1 then timestamp '1969-07-20 20:17:40.000001' end as landed,
                   case when i = 1 then timestamptz '2024-03-01 00:30:00-05' end as taken, case when i = 1 then date '0001-01-01' end as since
            from generate_series(1, 2) as s(i) order by i
            """);
        using var result = await source.QueryAsync(query, SqlText.NoParameters());
        Assert.That(result.Schema.FieldsList.Skip(1).Select(f => f.DataType.TypeId), Is.EqualTo(new[]
        {
            ArrowTypeId.Boolean, ArrowTypeId.Int32, ArrowTypeId.Int32, ArrowTypeId.Int64, ArrowTypeId.Float, ArrowTypeId.Double,
            ArrowTypeId.Double, ArrowTypeId.String, ArrowTypeId.String, ArrowTypeId.String, ArrowTypeId.Timestamp, ArrowTypeId.Timestamp,
            ArrowTypeId.Timestamp,
        }));
        var rows = SqlText.Rows(result);
        Assert.That(rows[0].Values, Is.EqualTo(new object?[]
        {
            true, -32768, int.MaxValue, long.MinValue, 0.1f, -0.0, 1234567.125, "NNE  ", "Zürich 北", "pg_class",
            new DateTime(1969, 7, 20, 20, 17, 40, DateTimeKind.Utc).AddTicks(10), new DateTime(2024, 3, 1, 5, 30, 0, DateTimeKind.Utc),
            new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        }));
        Assert.That(double.IsNegative((double)rows[0].Values[5]!), "the sign of zero");
        Assert.That(rows[1].Values, Is.All.Null);
    }
}
