using System.Diagnostics;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;
using Npgsql;

namespace Chalk.Tests.Sql.Sources;

public sealed class PostgresSourceTests : SqlSourceContract
{
    private PostgresServer Server => PostgresServer.Shared;

    protected override IArrowType RealType => FloatType.Default;

    protected override IArrowType IntegerType => Int32Type.Default;

    protected override string SlowSql => "select pg_sleep(10)";

    protected override Task PrepareDatabaseAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(string sql) => Server.ExecuteAsync(sql);

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(new PostgresSource(Server.ConnectionString()));

    [Test]
    public async Task Timestamptz_becomes_utc_and_numeric_and_date_map_to_wide_types()
    {
        var query = SqlText.Query("select timestamptz '2024-03-01 12:00:00.5+02' as tz, 12.25::numeric as n, date '2024-03-02' as d, 7::smallint as s, null::text as nothing_here");
        using var result = await Source.QueryAsync(query, SqlText.NoParameters());
        Assert.That(result.Schema.FieldsList.Skip(1).Select(f => f.DataType.TypeId), Is.EqualTo(new[]
        {
            ArrowTypeId.Timestamp, ArrowTypeId.Double, ArrowTypeId.Timestamp, ArrowTypeId.Int32, ArrowTypeId.String,
        }));
        var row = SqlText.Rows(result).Single().Values;
        Assert.That(row[0], Is.EqualTo(new DateTime(2024, 3, 1, 10, 0, 0, 500, DateTimeKind.Utc)));
        Assert.That(row[1], Is.EqualTo(12.25));
        Assert.That(row[2], Is.EqualTo(new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc)));
        Assert.That(row[3], Is.EqualTo(7));
        Assert.That(row[4], Is.Null);
    }

    [Test]
    public async Task An_unmapped_column_type_is_an_error_naming_the_column_and_type()
    {
        var query = SqlText.Query("select '{1,2}'::int[] as list");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => Source.QueryAsync(query, SqlText.NoParameters()));
        Assert.That(ex!.Message, Does.Contain("list").And.Contain("integer[]").And.Contain("test.chalk.sql"));
    }

    [Test]
    public async Task A_stopped_server_is_a_transient_failure_and_the_source_recovers_after_restart()
    {
        await using var source = new PostgresSource(Server.ConnectionString());
        using (var before = await source.QueryAsync(AllColumns(), SqlText.Longs(1, 2, 3)))
            Assert.That(before.RowCount, Is.EqualTo(3));
        Server.Pause();
        try
        {
            var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(AllColumns(), SqlText.Longs(1)));
            Assert.That(ex!.IsTransient, Is.True, ex.Message);
            Assert.That(ex.Message, Does.Contain("test.chalk.sql").And.Contain("postgres"));
            var again = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(AllColumns(), SqlText.Longs(1)));
            Assert.That(again!.IsTransient, Is.True, again.Message);
        }
        finally
        {
            Server.Resume();
        }
        using var after = await source.QueryAsync(AllColumns(), SqlText.Longs(4));
        Assert.That(SqlText.Rows(after).Single().Values[0], Is.EqualTo(4L));
    }

    [Test]
    public async Task A_refused_connection_is_transient()
    {
        await using var source = new PostgresSource("Host=127.0.0.1;Port=1;Username=postgres;Timeout=2");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(AllColumns(), SqlText.Longs(1)));
        Assert.That(ex!.IsTransient, Is.True, ex.Message);
        Assert.That(ex.InnerException, Is.InstanceOf<NpgsqlException>());
    }

    [Test]
    public async Task A_rejected_login_is_not_transient()
    {
        await using var source = new PostgresSource($"Host=127.0.0.1;Port={Server.Port};Username=no_such_role;Database=postgres");
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(AllColumns(), SqlText.Longs(1)));
        Assert.That(ex!.IsTransient, Is.False, ex.Message);
        Assert.That(ex.Message, Does.Contain("no_such_role"));
    }

    [Test]
    public async Task A_command_timeout_is_transient()
    {
        await using var source = new PostgresSource(Server.ConnectionString(), commandTimeout: TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<ChalkResolverException>(() => source.QueryAsync(SqlText.Query("select pg_sleep(5)"), SqlText.NoParameters()));
        Assert.That(ex!.IsTransient, Is.True, ex.Message);
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)));
    }

    [Test]
    public async Task A_statement_ending_in_a_comment_still_runs_for_many_rows()
    {
        var query = SqlText.Query("select name from t where id = {0}; -- trailing", Int64Type.Default);
        using var result = await Source.QueryAsync(query, SqlText.Longs(1, 2));
        Assert.That(SqlText.Rows(result).Select(r => r.Values[0]), Is.EqualTo(new[] { "n1", "n2" }));
    }

    [Test]
    public void Missing_binaries_fail_with_the_install_command()
    {
        var empty = Directory.CreateTempSubdirectory("chalk-nopg-").FullName;
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => PostgresServer.FindBinaries([empty]));
            Assert.That(ex!.Message, Does.Contain("apt-get install -y postgresql"));
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
