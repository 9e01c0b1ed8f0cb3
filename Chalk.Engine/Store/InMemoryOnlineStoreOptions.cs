namespace Chalk.Store;

/// <summary>How large an <see cref="InMemoryOnlineStore"/> may grow, and the clock it ages entries by.</summary>
public sealed class InMemoryOnlineStoreOptions
{
    /// <summary>The most entries kept; past it the least recently read are evicted. Default 1,000,000.</summary>
    public int MaxEntries { get; init; } = 1_000_000;

    /// <summary>The most bytes kept, as estimated per entry (see <see cref="InMemoryOnlineStore.ByteSize"/>); past it
    /// the least recently read are evicted. Default 256 MiB.</summary>
    public long MaxBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>The clock that decides when an entry's time to live has passed. Default <see cref="TimeProvider.System"/>;
    /// tests pass one they can advance.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
