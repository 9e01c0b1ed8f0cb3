using Chalk.Store;

namespace Chalk.Tests.Store;

/// <summary>The online store contract on <see cref="InMemoryOnlineStore"/>, aged by a <see cref="ManualClock"/>.</summary>
public sealed class InMemoryOnlineStoreContractTests : OnlineStoreContract
{
    private ManualClock _clock = new();

    [SetUp]
    public void StartTheClock() => _clock = new ManualClock();

    protected override Task<IOnlineStore> CreateStoreAsync() =>
        Task.FromResult<IOnlineStore>(new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { TimeProvider = _clock }));

    protected override Task AdvanceTimeAsync(TimeSpan span)
    {
        _clock.Advance(span);
        return Task.CompletedTask;
    }

    protected override TimeSpan ShortTimeToLive => TimeSpan.FromMinutes(10);
}
