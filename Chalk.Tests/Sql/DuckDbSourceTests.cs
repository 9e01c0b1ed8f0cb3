using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Sql.Templates;

namespace Chalk.Tests.Sql;

public sealed class DuckDbSourceTests
{
    private static SqlQuery Lookup() => new(
        "lookup",
        new SqlTemplate([SqlSegment.Literal("select id, name from t where id = "), SqlSegment.Parameter(0)], 1),
        [Int64Type.Default],
        "test.chalk.sql");

    private static async Task<DuckDbSource> SeededAsync()
    {
        var source = new DuckDbSource("Data Source=:memory:");
        await source.UseConnectionAsync(c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "create table t as select i::bigint as id, 'n' || i as name from range(100) r(i)";
            cmd.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        return source;
    }

    private static RecordBatch Ids(params long[] ids)
    {
        var b = new Int64Array.Builder();
        foreach (var id in ids) b.Append(id);
        return new RecordBatch(new Schema([new Field("p", Int64Type.Default, true)], null), [b.Build()], ids.Length);
    }

    [TestCase(1)]
    [TestCase(5)]
    [TestCase(50)]
    public async Task Each_parameter_row_gets_its_own_rows_tagged_with_its_index(int n)
    {
        await using var source = await SeededAsync();
        var ids = Enumerable.Range(0, n).Select(i => (long)(i * 7 % 120)).ToArray();
        using var result = await source.QueryAsync(Lookup(), Ids(ids));
        var found = new Dictionary<int, string>();
        foreach (var batch in result.Batches)
        {
            var rows = (Int32Array)batch.Column(0);
            var names = (StringArray)batch.Column(2);
            for (int i = 0; i < batch.Length; i++) found[rows.GetValue(i)!.Value] = names.GetString(i);
        }
        for (int row = 0; row < n; row++)
        {
            if (ids[row] < 100) Assert.That(found[row], Is.EqualTo("n" + ids[row]));
            else Assert.That(found.ContainsKey(row), Is.False);
        }
    }

    [Test]
    public async Task Describe_reports_the_result_columns_without_running()
    {
        await using var source = await SeededAsync();
        var schema = await source.DescribeAsync(Lookup());
        Assert.That(schema!.FieldsList.Select(f => f.Name), Is.EqualTo(new[] { "id", "name" }));
        Assert.That(schema.GetFieldByName("id").DataType.TypeId, Is.EqualTo(ArrowTypeId.Int64));
    }

    [Test]
    public async Task A_sql_error_names_the_resolver_file()
    {
        await using var source = await SeededAsync();
        var bad = Lookup() with { Template = new SqlTemplate([SqlSegment.Literal("select nope from t where id = "), SqlSegment.Parameter(0)], 1) };
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(bad, Ids(1)));
        Assert.That(ex!.Message, Does.Contain("test.chalk.sql").And.Contain("nope"));
    }
}
