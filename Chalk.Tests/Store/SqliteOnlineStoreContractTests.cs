using Chalk.Store;
using Microsoft.Data.Sqlite;

namespace Chalk.Tests.Store;

/// <summary>The online store contract on <see cref="SqliteOnlineStore"/>: a new file per store in a scratch folder,
/// aged by a <see cref="ManualClock"/>.</summary>
public sealed class SqliteOnlineStoreContractTests : OnlineStoreContract
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chalk-store-contract-" + Guid.NewGuid().ToString("N"));
    private ManualClock _clock = new();

    [OneTimeSetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder);

    [OneTimeTearDown]
    public void DeleteFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [SetUp]
    public void StartTheClock() => _clock = new ManualClock();

    protected override Task<IOnlineStore> CreateStoreAsync() =>
        Task.FromResult<IOnlineStore>(new SqliteOnlineStore(Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"), _clock));

    protected override Task AdvanceTimeAsync(TimeSpan span)
    {
        _clock.Advance(span);
        return Task.CompletedTask;
    }

    protected override TimeSpan ShortTimeToLive => TimeSpan.FromMinutes(10);
}
