using System.Text;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Sql.Sources;

/// <summary>Response decoding on payloads written by hand in BigQuery's shapes, for types the fake cannot produce.</summary>
public sealed class BigQueryResponseTests
{
    private static readonly SqlQuery s_query = SqlText.Query("select 1");

    [Test]
    public void Every_scalar_type_decodes_from_its_string_form()
    {
        var payload = """
        {"kind":"bigquery#queryResponse","jobComplete":true,"totalRows":"2",
         "jobReference":{"projectId":"p","jobId":"j1","location":"EU"},
         "schema":{"fields":[
           {"name":"i","type":"INTEGER","mode":"NULLABLE"},{"name":"f","type":"FLOAT","mode":"NULLABLE"},
           {"name":"n","type":"NUMERIC","mode":"NULLABLE"},{"name":"b","type":"BOOLEAN","mode":"NULLABLE"},
           {"name":"s","type":"STRING","mode":"NULLABLE"},{"name":"ts","type":"TIMESTAMP","mode":"NULLABLE"},
           {"name":"dt","type":"DATETIME","mode":"NULLABLE"},{"name":"d","type":"DATE","mode":"NULLABLE"}]},
         "rows":[
           {"f":[{"v":"-42"},{"v":"1.5E-3"},{"v":"12.25"},{"v":"true"},{"v":"x\"y"},{"v":"1.709251200123456E9"},{"v":"2024-03-01T12:30:00.5"},{"v":"2024-03-02"}]},
           {"f":[{"v":null},{"v":null},{"v":null},{"v":null},{"v":null},{"v":"-1.5E0"},{"v":null},{"v":null}]}]}
        """;
        var response = BigQueryResponse.Parse(Encoding.UTF8.GetBytes(payload));
        Assert.That((response.JobComplete, response.JobId, response.Location, response.PageToken), Is.EqualTo((true, "j1", "EU", (string?)null)));
        using var result = BigQueryTypes.Build(s_query, "bigquery source 'p'", [[response.Page]]);
        Assert.That(result.Schema.FieldsList.Skip(1).Select(f => f.DataType.TypeId), Is.EqualTo(new[]
        {
            ArrowTypeId.Int64, ArrowTypeId.Double, ArrowTypeId.Double, ArrowTypeId.Boolean, ArrowTypeId.String,
            ArrowTypeId.Timestamp, ArrowTypeId.Timestamp, ArrowTypeId.Timestamp,
        }));
        var rows = SqlText.Rows(result);
        Assert.That(rows[0].Values, Is.EqualTo(new object?[]
        {
            -42L, 0.0015, 12.25, true, "x\"y",
            new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1234560),
            new DateTime(2024, 3, 1, 12, 30, 0, 500, DateTimeKind.Utc),
            new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc),
        }));
        Assert.That(rows[1].Values.Where((_, i) => i != 5), Is.All.Null);
        Assert.That(rows[1].Values[5], Is.EqualTo(DateTime.UnixEpoch.AddSeconds(-1.5)));
    }

    [Test]
    public void A_repeated_column_is_an_error_naming_it()
    {
        var payload = """{"jobComplete":true,"schema":{"fields":[{"name":"tags","type":"STRING","mode":"REPEATED"}]},"rows":[]}""";
        var page = BigQueryResponse.Parse(Encoding.UTF8.GetBytes(payload)).Page;
        var ex = Assert.Throws<ChalkResolverException>(() => BigQueryTypes.Build(s_query, "bigquery source 'p'", [[page]]));
        Assert.That(ex!.Message, Does.Contain("tags").And.Contain("REPEATED"));
    }

    [Test]
    public void An_error_payload_that_is_not_json_keeps_the_status_and_text()
    {
        var ex = BigQueryTypes.ErrorFrom(s_query, "bigquery source 'p'", 502, Encoding.UTF8.GetBytes("<html>Bad Gateway</html>"));
        Assert.That(ex.IsTransient, Is.True);
        Assert.That(ex.Message, Does.Contain("502").And.Contain("Bad Gateway"));
    }
}
