using Chalk.Sql.Sources;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Sql.Sources;

/// <summary>The NUL-key contract on DuckDB: bound parameters (up to 8 rows) and the lateral parameter table (more).</summary>
public sealed class DuckDbNulStringKeyTests : NulStringKeyContract
{
    private readonly DuckDbSource _duck = new("Data Source=:memory:");

    protected override bool HoldsNul => true;

    protected override Task ExecuteAsync(string sql) => _duck.UseConnectionAsync(c =>
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    });

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(_duck);
}

/// <summary>The NUL-key contract on SQLite, whose text values hold NUL and are bound with their length.</summary>
public sealed class SqliteNulStringKeyTests : NulStringKeyContract
{
    private readonly ScratchSqlite _file = new("chalk-nul");

    protected override bool HoldsNul => true;

    protected override string NulCharacter => "char(0)";

    protected override Task ExecuteAsync(string sql) => _file.ExecuteAsync(sql);

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(new SqliteSource(_file.ConnectionString));

    [OneTimeTearDown]
    public void DeleteFile() => _file.Delete();
}

/// <summary>The NUL-key contract on PostgreSQL, whose text cannot hold NUL: a key with NUL is refused by name, one row or many.</summary>
public sealed class PostgresNulStringKeyTests : NulStringKeyContract
{
    private static PostgresServer Server => PostgresServer.Shared;

    protected override bool HoldsNul => false;

    protected override Task PrepareDatabaseAsync()
    {
        _ = Server;
        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(string sql) => Server.ExecuteAsync(sql);

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(new PostgresSource(Server.ConnectionString()));
}

/// <summary>The NUL-key contract on BigQuery (the fake server): STRING parameters travel as JSON, NUL included.</summary>
public sealed class BigQueryNulStringKeyTests : NulStringKeyContract
{
    private const string Token = "nul-token";
    // Started from the contract's [OneTimeSetUp] and disposed in StopServer, a [OneTimeTearDown], which the analyzer cannot see through.
#pragma warning disable NUnit1032
    private FakeBigQueryServer? _server;
#pragma warning restore NUnit1032

    protected override bool HoldsNul => true;

    protected override Task PrepareDatabaseAsync()
    {
        _server = new FakeBigQueryServer { ExpectedToken = Token };
        return Task.CompletedTask;
    }

    protected override Task ExecuteAsync(string sql)
    {
        _server!.Execute(sql);
        return Task.CompletedTask;
    }

    protected override Task<SqlSource> CreateSourceAsync() => Task.FromResult<SqlSource>(new BigQuerySource(new BigQuerySourceOptions
    {
        ProjectId = _server!.ProjectId,
        Location = _server.Location,
        Endpoint = _server.Endpoint,
        Credentials = BigQueryCredentials.FromAccessToken(Token),
    }));

    [OneTimeTearDown]
    public void StopServer() => _server?.Dispose();
}
