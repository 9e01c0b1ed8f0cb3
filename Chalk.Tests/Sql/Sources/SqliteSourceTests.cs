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

    [TestCase(null, -SqliteSource.DefaultPageCacheMiB * 1024)]
    [TestCase(3, -3 * 1024)]
    public async Task Each_connection_keeps_the_page_cache_it_is_given(int? mib, int cacheSize)
    {
        await using var source = mib is int m ? new SqliteSource(_file.ConnectionString) { PageCacheMiB = m } : new SqliteSource(_file.ConnectionString);
        // Queries at once may each open a pooled connection; each one has the cache.
        var query = SqlText.Query("select cache_size from pragma_cache_size");
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => source.QueryAsync(query, SqlText.NoParameters()))));
        foreach (var result in results)
        {
            using (result)
            {
                var batch = result.Batches.Single();
                Assert.That(Chalk.Expressions.ArrowValues.Get(batch.Column(batch.Schema.GetFieldIndex("cache_size")), 0), Is.EqualTo((long)cacheSize));
            }
        }
    }

    [Test]
    public void A_page_cache_below_one_mib_is_refused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => _ = new SqliteSource(_file.ConnectionString) { PageCacheMiB = 0 });

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
