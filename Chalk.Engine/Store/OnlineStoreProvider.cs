namespace Chalk.Store;

/// <summary>Creates the online store of one kind, the <c>"kind"</c> of <c>"onlineStore"</c> in <c>chalk.json</c>.</summary>
/// <remarks>
/// <c>memory</c> and <c>none</c> are built in; <c>sqlite</c> comes with the package <c>Chalk.Sqlite</c> and <c>redis</c>
/// with <c>Chalk.Stores.Redis</c>, and <see cref="OnlineStoreProviders"/> finds them. A kind of one's own: derive from
/// this class and register it (<see cref="OnlineStoreProviders.Register"/>) before loading the project.
/// </remarks>
public abstract class OnlineStoreProvider
{
    /// <summary>The kind, lower case, e.g. <c>redis</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The settings this kind takes; any other key is an error that lists these.</summary>
    public abstract IReadOnlyList<string> SettingNames { get; }

    /// <summary>Checks the settings without opening anything (when <c>chalk.json</c> is read).</summary>
    /// <exception cref="ChalkDefinitionException">A setting is missing or malformed; the message names it.</exception>
    public virtual void Validate(OnlineStoreDeclaration store) { }

    /// <summary>Creates the store; may block for a first connection.</summary>
    /// <returns>The store, or null for no store (every feature is then computed by its resolver).</returns>
    /// <exception cref="ChalkDefinitionException">A setting is missing or malformed.</exception>
    /// <exception cref="ChalkStoreException">The store cannot be opened.</exception>
    public abstract IOnlineStore? Create(OnlineStoreDeclaration store);

    /// <summary>Creates the store, awaiting a first connection instead of blocking.</summary>
    /// <inheritdoc cref="Create" path="/returns"/>
    /// <inheritdoc cref="Create" path="/exception"/>
    public virtual Task<IOnlineStore?> CreateAsync(OnlineStoreDeclaration store, CancellationToken cancellationToken = default)
        => Task.FromResult(Create(store));
}
