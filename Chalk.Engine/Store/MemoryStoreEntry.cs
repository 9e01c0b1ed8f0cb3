namespace Chalk.Store;

/// <summary>One entry of <see cref="InMemoryOnlineStore"/>. Its value never changes (an overwrite installs a new entry),
/// so a reader racing a writer sees either the old value or the new one, never half of each.</summary>
internal sealed class MemoryStoreEntry(MemoryFeatureEntries table, long number, string? text, StoredValue value, long expiresAtUtcTicks, long bytes)
{
    /// <summary>The feature's table the entry is (or was) in.</summary>
    public MemoryFeatureEntries Table { get; } = table;

    /// <summary>The integer primary key, when <see cref="Text"/> is null.</summary>
    public long Number { get; } = number;

    /// <summary>The string primary key, or null for an integer one.</summary>
    public string? Text { get; } = text;

    public StoredValue Value { get; } = value;

    /// <summary>UTC ticks from which the entry reads as a miss; <see cref="long.MaxValue"/> when it has no time to live.</summary>
    public long ExpiresAtUtcTicks { get; } = expiresAtUtcTicks;

    /// <summary>The estimate <see cref="InMemoryOnlineStore.ByteSize"/> counts for it.</summary>
    public long Bytes { get; } = bytes;

    /// <summary>Its index in the <see cref="ClockRing"/>, or -1 once removed; changed only under the store's write lock.</summary>
    public int Slot = -1;

    /// <summary>The CLOCK reference bit: set by every read, cleared by the eviction hand passing it.</summary>
    /// <remarks>Written without synchronisation: a lost update only makes the replacement order less exact.</remarks>
    public bool Referenced;
}
