namespace Chalk.Store;

/// <summary>Where the engine keeps feature values between queries: each value under its feature and its row's primary
/// key, with the time it was computed. Online queries read features that carry a max staleness from it before running
/// resolvers, and write what they computed back; <c>ChalkEngine.MaterializeAsync</c> fills it from batch queries.</summary>
/// <remarks>
/// Implementations are thread-safe. A store that cannot be reached throws <see cref="ChalkStoreException"/>; the engine
/// then computes from resolvers and reports the store as unavailable. An entry that cannot be decoded is a miss.
/// </remarks>
public interface IOnlineStore : IAsyncDisposable
{
    /// <summary>A short name for plans and messages, e.g. <c>memory</c>, <c>sqlite /data/store.db</c>, <c>redis 127.0.0.1:6379</c>.</summary>
    string Name { get; }

    /// <summary>Reads many entries at once (one round trip for a remote store).</summary>
    /// <param name="keys">The entries to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One element per key, in order: the stored value, or null when there is none (or it could not be decoded).</returns>
    /// <exception cref="ChalkStoreException">The store cannot be reached.</exception>
    ValueTask<IReadOnlyList<StoredValue?>> ReadAsync(IReadOnlyList<StoreKey> keys, CancellationToken cancellationToken = default);

    /// <summary>Writes many entries at once, replacing what is stored under their keys.</summary>
    /// <param name="writes">The entries, each with how long the store may keep it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ChalkStoreException">The store cannot be reached.</exception>
    ValueTask WriteAsync(IReadOnlyList<StoreWrite> writes, CancellationToken cancellationToken = default);
}
