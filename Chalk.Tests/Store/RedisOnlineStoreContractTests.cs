using Chalk.Store;
using Chalk.Tests.Infrastructure;

namespace Chalk.Tests.Store;

/// <summary>The online store contract against a real redis-server: the run's shared one, each store under a key prefix
/// of its own so that tests never see each other's entries.</summary>
public sealed class RedisOnlineStoreContractTests : OnlineStoreContract
{
    /// <inheritdoc/>
    protected override async Task<IOnlineStore> CreateStoreAsync() =>
        await RedisOnlineStore.ConnectAsync(new RedisOnlineStoreOptions
        {
            Configuration = RedisServer.Shared.EndPoint,
            KeyPrefix = $"contract-{Guid.NewGuid():N}:",
        });
}
