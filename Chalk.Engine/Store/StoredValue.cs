namespace Chalk.Store;

/// <summary>A feature value as stored, with when it was computed.</summary>
/// <param name="Value">The value, of the feature's CLR type (<see cref="bool"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="float"/>, <see cref="double"/>, <see cref="string"/>, <see cref="DateTime"/>, <see cref="DateTimeOffset"/>), or null.</param>
/// <param name="ComputedAt">When a resolver computed it; the engine serves it only while it is younger than the feature's max staleness.</param>
public readonly record struct StoredValue(object? Value, DateTimeOffset ComputedAt);

/// <summary>An entry to write: its key, its value, and how long the store may keep it (null: until replaced or evicted).</summary>
/// <param name="Key">The feature and row.</param>
/// <param name="Value">The value and when it was computed.</param>
/// <param name="TimeToLive">The feature's max staleness: past it the entry can never be served, so the store may drop it.</param>
public readonly record struct StoreWrite(StoreKey Key, StoredValue Value, TimeSpan? TimeToLive);
