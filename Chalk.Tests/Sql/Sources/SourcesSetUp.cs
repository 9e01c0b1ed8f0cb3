using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Sql.Sources;

/// <summary>Stops the servers the source tests started, once every test in this namespace has run.</summary>
[SetUpFixture]
public sealed class SourcesSetUp
{
    [OneTimeTearDown]
    public void StopServers() => PostgresServer.StopShared();
}
