using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Sources;

/// <summary>A source that goes down under a built engine: transient errors naming file and source, recovery after a
/// restart, and no value left behind by a failed query.</summary>
public sealed class SourceFailureTests
{
    private PostgresServer _server = null!;
    private PostgresSource _source = null!;
    private ChalkEngine _engine = null!;

    [OneTimeSetUp]
    public async Task SetUp()
    {
        // Its own server, not the shared one: this fixture stops it.
        _server = PostgresServer.Start();
        await SuiteDatabase.SeedPostgresAsync(_server.ConnectionString());
        _source = new PostgresSource(_server.ConnectionString());
        _engine = SuiteDatabase.Builder(_source).Build();
    }

    [OneTimeTearDown]
    public async Task TearDown()
    {
        await _engine.DisposeAsync();
        await _source.DisposeAsync();
        _server.Dispose();
    }

    private Task<OnlineResult> QueryAsync(long id) =>
        _engine.QueryAsync(new Dictionary<string, object?> { ["customer.id"] = id }, ["customer.name", "customer.store.name", "customer.total_spent"]);

    [Test]
    public async Task A_stopped_server_is_a_transient_error_naming_file_and_source_and_queries_recover_after_a_restart()
    {
        var before = await QueryAsync(1);
        Assert.That(before["customer.name"], Is.EqualTo("Ada"));

        _server.Pause();
        try
        {
            var ex = await Assert.ThrowsAsync<ChalkResolverException>(() =>
                _engine.QueryAsync(new Dictionary<string, object?> { ["customer.id"] = 2L }, ["customer.name", "customer.visits"]));
            Assert.That(ex!.IsTransient, Is.True);
            Assert.That(ex.Message, Does.StartWith(SuiteData.CustomersFile).And.Contain($"postgres source '127.0.0.1:{_server.Port}/postgres'"));
            Assert.That(ex.InnerException, Is.Not.Null);

            var batch = await Assert.ThrowsAsync<ChalkResolverException>(() =>
                _engine.QueryBatchAsync(MarketplaceQueryTests.Batch("customer.id", [1L, 2L]), ["customer.name", "customer.store.name", "customer.total_spent"]));
            Assert.That(batch!.IsTransient, Is.True);
            Assert.That(batch.Message, Does.Match(@"^(customers|stores|purchases)\.chalk\.sql: postgres source"));
        }
        finally
        {
            _server.Resume();
        }

        var after = await QueryAsync(2);
        Assert.That(after.Errors, Is.Empty);
        Assert.That(after["customer.name"], Is.EqualTo(SuiteData.Customers[1].Name));
        Assert.That(after["customer.store.name"], Is.EqualTo(SuiteData.Stores[1].Name));
        Assert.That(after["customer.total_spent"], Is.EqualTo(99.99));
        var again = await QueryAsync(1);
        Assert.That(again["customer.total_spent"], Is.EqualTo(35.75), "the plan cached before the outage still runs; no value was cached");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_server.ConnectionString() + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task A_failed_query_leaves_nothing_behind_for_the_next_query_with_the_same_shape()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        Assert.That(async () => await _engine.QueryAsync(new Dictionary<string, object?> { ["customer.id"] = 3L }, ["customer.name", "customer.gift_count"], cts.Token),
            Throws.InstanceOf<OperationCanceledException>());

        await ExecuteAsync("alter table purchases rename to purchases_away");
        try
        {
            var ex = await Assert.ThrowsAsync<ChalkResolverException>(() =>
                _engine.QueryAsync(new Dictionary<string, object?> { ["customer.id"] = 3L }, ["customer.name", "customer.gift_count"]));
            Assert.That(ex!.IsTransient, Is.False);
            Assert.That(ex.Message, Does.Contain(SuiteData.PurchasesFile));
        }
        finally
        {
            await ExecuteAsync("alter table purchases_away rename to purchases");
        }

        var row = await _engine.QueryAsync(new Dictionary<string, object?> { ["customer.id"] = 3L }, ["customer.name", "customer.gift_count"]);
        Assert.That(row["customer.name"], Is.EqualTo(SuiteData.Hostile));
        Assert.That(row["customer.gift_count"], Is.EqualTo(0L));
    }
}
