using Chalk.Examples.Marketplace;
using Microsoft.Extensions.AI;

[assembly: Chalk.ChalkServices(typeof(MarketplaceServices))]

namespace Chalk.Examples.Marketplace;

/// <summary>The services the example's resolvers get when an engine is built from its <c>chalk.json</c> (the
/// <c>chalk</c> command line): an <see cref="IChatClient"/>, the offline <see cref="LocalChatClient"/>.</summary>
/// <remarks>Named by <c>[assembly: ChalkServices(typeof(MarketplaceServices))]</c>. An engine built in code passes it (or any
/// provider with a real model) to <see cref="ChalkEngineBuilder.WithServices"/> itself.</remarks>
public sealed class MarketplaceServices : IServiceProvider
{
    private readonly IChatClient _chat = new LocalChatClient();

    /// <summary>The chat client for <see cref="IChatClient"/>, null for anything else.</summary>
    public object? GetService(Type serviceType) => serviceType == typeof(IChatClient) ? _chat : null;
}
