using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Sql.Sources;

public sealed class SqliteSourceTests : SqlSourceContract
{
    private readonly ScratchSqlite _file = new("chalk-sqlite");

    protected override string SlowSql =>
        "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000000000) select count(*) from c";

    protected override Task ExecuteAsync(string sql) => _file.ExecuteAsync(sql);

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(new SqliteSource(_file.ConnectionString));

    [OneTimeTearDown]
    public void DeleteFile() => _file.Delete();

    [Test]
    public async Task Expression_columns_take_their_type_from_the_values()
    {
        var query = SqlText.Query("select id * 2 as twice, score / 2 as half, name || '!' as shout, null as nada, id + 0.5 as mixed from t where id in (1, 2)");
        using var result = await Source.QueryAsync(query, SqlText.NoParameters());
        Assert.That(result.Schema.FieldsList.Skip(1).Select(f => f.DataType.TypeId), Is.EqualTo(new[]
        {
            Apache.Arrow.Types.ArrowTypeId.Int64, Apache.Arrow.Types.ArrowTypeId.Double, Apache.Arrow.Types.ArrowTypeId.String,
            Apache.Arrow.Types.ArrowTypeId.Null, Apache.Arrow.Types.ArrowTypeId.Double,
        }));
        Assert.That(await Source.DescribeAsync(query), Is.Null, "an expression column's type is not knowable before running");
    }

    [Test]
    public async Task Text_mixed_with_numbers_is_an_error_naming_the_column()
    {
        var query = SqlText.Query("select case when id = 1 then 'one' else id end as odd from t where id in (1, 2)");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => Source.QueryAsync(query, SqlText.NoParameters()));
        Assert.That(ex!.Message, Does.Contain("odd").And.Contain("test.chalk.sql"));
    }

    [Test]
    public async Task A_missing_database_file_is_a_transient_error()
    {
        await using var missing = new SqliteSource("Data Source=/nonexistent/dir/x.db;Mode=ReadOnly");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => missing.QueryAsync(AllColumns(), SqlText.Longs(1)));
        Assert.That(ex!.IsTransient, Is.True);
        Assert.That(ex.Message, Does.Contain("test.chalk.sql").And.Contain("sqlite"));
    }
}
