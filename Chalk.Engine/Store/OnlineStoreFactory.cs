namespace Chalk.Store;

/// <summary>Creates the online store that a project's <c>chalk.json</c> declares under <c>"onlineStore"</c>, through the
/// kind's provider (<see cref="OnlineStoreProviders"/>).</summary>
/// <remarks>
/// Settings per kind (keys are case-sensitive; values are strings or numbers, <c>${ENV_VAR}</c> references expanded
/// before <see cref="Create"/>):
/// <list type="table">
/// <item><term><c>memory</c></term><description>optional <c>maxEntries</c> (a whole number) and <c>maxBytes</c> (a whole
/// number of bytes, or with <c>KiB</c>, <c>MiB</c> or <c>GiB</c>, e.g. <c>"64MiB"</c>); see <see cref="InMemoryOnlineStoreOptions"/>.</description></item>
/// <item><term><c>sqlite</c> (package <c>Chalk.Sqlite</c>)</term><description><c>path</c> (required, relative to the project folder; the folder must exist).</description></item>
/// <item><term><c>redis</c> (package <c>Chalk.Stores.Redis</c>)</term><description><c>configuration</c> (required, a StackExchange.Redis configuration
/// string such as <c>127.0.0.1:6379</c>); optional <c>keyPrefix</c> (default <c>chalk:</c>) and <c>timeout</c> (a whole
/// number with <c>ms</c> or <c>s</c>, e.g. <c>"250ms"</c>; default <c>1s</c>).</description></item>
/// <item><term><c>none</c></term><description>no store: every feature is computed by its resolver. No settings.</description></item>
/// </list>
/// </remarks>
public static class OnlineStoreFactory
{
    /// <summary>The kinds <see cref="Create"/> understands: <see cref="OnlineStoreProviders.Kinds"/>.</summary>
    public static IReadOnlyList<string> Kinds => OnlineStoreProviders.Kinds;

    /// <summary>Creates the store of <paramref name="kind"/>; for Redis, blocks for the first connection attempt (at most its timeout).</summary>
    /// <param name="kind">One of <see cref="Kinds"/>, any case.</param>
    /// <param name="settings">The kind's settings, already free of <c>${ENV}</c> references.</param>
    /// <param name="baseDirectory">The folder a relative SQLite path is resolved against.</param>
    /// <param name="timeProvider">The clock entries age by (memory and SQLite); <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The store, or null for <c>none</c>.</returns>
    /// <exception cref="ChalkDefinitionException">The kind is unknown or its package is not referenced (the message names
    /// the package to add), or a setting is unknown, missing or malformed; the message names the setting.</exception>
    /// <exception cref="ChalkStoreException">The SQLite file cannot be opened or the Redis client cannot be set up.
    /// A Redis that is down is not an error: the store connects when it comes up.</exception>
    public static IOnlineStore? Create(string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory, TimeProvider? timeProvider = null)
    {
        var (provider, store) = Validate(kind, settings, baseDirectory, timeProvider);
        return provider.Create(store);
    }

    /// <summary>Creates the store of <paramref name="kind"/>, awaiting Redis's first connection attempt.</summary>
    /// <param name="kind">One of <see cref="Kinds"/>, any case.</param>
    /// <param name="settings">The kind's settings, already free of <c>${ENV}</c> references.</param>
    /// <param name="baseDirectory">The folder a relative SQLite path is resolved against.</param>
    /// <param name="timeProvider">The clock entries age by (memory and SQLite); <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Stops waiting for Redis.</param>
    /// <inheritdoc cref="Create" path="/returns"/>
    /// <inheritdoc cref="Create" path="/exception"/>
    public static Task<IOnlineStore?> CreateAsync(string kind, IReadOnlyDictionary<string, string> settings, string baseDirectory,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        var (provider, store) = Validate(kind, settings, baseDirectory, timeProvider);
        return provider.CreateAsync(store, cancellationToken);
    }

    /// <summary>The kind's provider and the checked declaration, without opening anything.</summary>
    /// <exception cref="ChalkDefinitionException">The kind is unknown or its package is missing, or a setting is unknown,
    /// missing or malformed.</exception>
    internal static (OnlineStoreProvider Provider, OnlineStoreDeclaration Store) Validate(string kind, IReadOnlyDictionary<string, string> settings,
        string baseDirectory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var provider = OnlineStoreProviders.Get(kind);
        if (Chalk.SettingNames.Unknown(settings.Keys, provider.SettingNames, provider.Kind) is { } unknown)
            throw new ChalkDefinitionException("\"onlineStore\": " + unknown) { NamesDeclaration = true };
        var store = new OnlineStoreDeclaration(provider.Kind, settings, baseDirectory, timeProvider);
        provider.Validate(store);
        return (provider, store);
    }

    /// <summary>The kind in lower case.</summary>
    /// <exception cref="ChalkDefinitionException">It is not one of <see cref="Kinds"/> (the message lists them), or its
    /// package is not referenced (the message names it).</exception>
    internal static string CheckKind(string kind) => OnlineStoreProviders.Get(kind).Kind;
}
