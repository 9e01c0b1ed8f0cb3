using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Engine.Sources;

/// <summary>Stops the shared PostgreSQL server once every engine-over-sources test has run.</summary>
[SetUpFixture]
public sealed class EngineSourcesSetUp
{
    [OneTimeTearDown]
    public void StopServers() => PostgresServer.StopShared();
}
