using Chalk.Tests.Infrastructure;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>A fresh port-authority database and a clock at <see cref="FerryData.Now"/> for each test.</summary>
public abstract class FerryDatabaseFixture
{
    protected ScratchSqlite Db { get; private set; } = null!;

    protected ManualClock Clock { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        Db = await FerryData.CreateAsync();
        Clock = FerryData.Clock();
    }

    [TearDown]
    public void DeleteDatabase() => Db.Delete();
}
