using Chalk.Store;

namespace Chalk.Tests.Store;

/// <summary>What only <see cref="InMemoryOnlineStore"/> does: bounds with approximately least-recently-read eviction,
/// dropping expired entries, and reads that are fast and allocate only their result.</summary>
public sealed class InMemoryOnlineStoreTests
{
    private const string Feature = "user.bio";
    private readonly ManualClock _clock = new();

    private InMemoryOnlineStore NewStore(int maxEntries = 1_000_000, long maxBytes = 1L << 30) =>
        new(new InMemoryOnlineStoreOptions { MaxEntries = maxEntries, MaxBytes = maxBytes, TimeProvider = _clock });

    private static StoreWrite Write(long entity, object? value, TimeSpan? timeToLive = null) =>
        new(new StoreKey(Feature, entity), new StoredValue(value, FeatureValueSamples.ComputedAt), timeToLive);

    private static StoreKey[] Keys(int from, int count) => [.. Enumerable.Range(from, count).Select(i => new StoreKey(Feature, (long)i))];

    private static async Task<int> HitsAsync(IOnlineStore store, StoreKey[] keys) => (await store.ReadAsync(keys)).Count(r => r.HasValue);

    [Test]
    public async Task Past_the_entry_bound_the_entries_read_recently_stay()
    {
        await using var store = NewStore(maxEntries: 100);
        await store.WriteAsync([.. Enumerable.Range(0, 100).Select(i => Write(i, (long)i))]);
        await store.ReadAsync(Keys(0, 10));
        await store.WriteAsync([.. Enumerable.Range(100, 50).Select(i => Write(i, (long)i))]);
        Assert.That(store.Count, Is.EqualTo(100));
        Assert.That(await HitsAsync(store, Keys(0, 10)), Is.EqualTo(10), "read just before the writes that evicted");
        Assert.That(await HitsAsync(store, Keys(100, 50)), Is.EqualTo(50), "written last");
        Assert.That(await HitsAsync(store, Keys(10, 90)), Is.EqualTo(40), "neither read nor written lately: 50 of them evicted");
    }

    [Test]
    public async Task Past_the_byte_bound_the_entries_read_recently_stay()
    {
        string text = new('x', 1000);
        await using var probe = NewStore();
        await probe.WriteAsync([Write(0, text)]);
        long perEntry = probe.ByteSize;
        Assert.That(perEntry, Is.GreaterThanOrEqualTo(2 * text.Length), "a string counts by its length");

        await using var store = NewStore(maxBytes: perEntry * 20);
        await store.WriteAsync([.. Enumerable.Range(0, 20).Select(i => Write(i, text))]);
        await store.ReadAsync(Keys(0, 5));
        foreach (int i in Enumerable.Range(20, 10)) await store.WriteAsync([Write(i, text)]);
        Assert.That(store.ByteSize, Is.LessThanOrEqualTo(perEntry * 20));
        Assert.That(store.Count, Is.EqualTo(20));
        Assert.That(await HitsAsync(store, Keys(0, 5)), Is.EqualTo(5));
        Assert.That(await HitsAsync(store, Keys(20, 10)), Is.EqualTo(10));
    }

    [Test]
    public async Task An_entry_larger_than_the_byte_bound_is_not_kept_and_removes_the_old_one()
    {
        await using var store = NewStore(maxBytes: 1000);
        await store.WriteAsync([Write(1, "small")]);
        await store.WriteAsync([Write(1, new string('x', 1000))]);
        Assert.That(await HitsAsync(store, Keys(1, 1)), Is.EqualTo(0));
        Assert.That((store.Count, store.ByteSize), Is.EqualTo((0, 0L)));
    }

    [Test]
    public async Task An_expired_entry_is_dropped_when_read()
    {
        await using var store = NewStore();
        await store.WriteAsync([Write(1, "brief", TimeSpan.FromSeconds(1)), Write(2, "keeps")]);
        long each = store.ByteSize / 2;
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await HitsAsync(store, Keys(1, 2)), Is.EqualTo(1));
        Assert.That((store.Count, store.ByteSize), Is.EqualTo((1, each)));
    }

    [Test]
    public async Task Expired_entries_are_evicted_before_entries_read_recently()
    {
        await using var store = NewStore(maxEntries: 10);
        await store.WriteAsync([.. Enumerable.Range(0, 5).Select(i => Write(i, "lasting"))]);
        await store.WriteAsync([.. Enumerable.Range(5, 5).Select(i => Write(i, "brief", TimeSpan.FromMinutes(1)))]);
        await store.ReadAsync(Keys(0, 10));
        _clock.Advance(TimeSpan.FromMinutes(2));
        await store.WriteAsync([.. Enumerable.Range(10, 5).Select(i => Write(i, "new"))]);
        Assert.That(store.Count, Is.EqualTo(10));
        Assert.That(await HitsAsync(store, Keys(0, 5)), Is.EqualTo(5));
        Assert.That(await HitsAsync(store, Keys(10, 5)), Is.EqualTo(5));
    }

    [Test]
    public async Task Eviction_keeps_the_bounds_over_many_writes_and_reads()
    {
        await using var store = NewStore(maxEntries: 500, maxBytes: 80_000);
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            await store.WriteAsync([.. Enumerable.Range(0, 20).Select(_ => Write(random.Next(3000), new string('y', random.Next(200))))]);
            await store.ReadAsync(Keys(random.Next(3000), 10));
            Assert.That(store.Count, Is.LessThanOrEqualTo(500));
            Assert.That(store.ByteSize, Is.LessThanOrEqualTo(80_000));
        }
        int hits = 0;
        for (int from = 0; from < 3000; from += 100) hits += await HitsAsync(store, Keys(from, 100));
        Assert.That(hits, Is.EqualTo(store.Count), "Count is the number of entries a read can find");
    }

    [Test]
    public async Task A_read_of_ten_keys_allocates_only_its_result()
    {
        await using var store = NewStore();
        await store.WriteAsync([.. Enumerable.Range(0, 10).Select(i => Write(i, "v" + i))]);
        var keys = Keys(0, 10);
        for (int i = 0; i < 100; i++) _ = store.ReadAsync(keys).Result;
        const int Reads = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Reads; i++) _ = store.ReadAsync(keys).Result;
        long perRead = (GC.GetAllocatedBytesForCurrentThread() - before) / Reads;
        long result = 24 + 10 * System.Runtime.CompilerServices.Unsafe.SizeOf<StoredValue?>();
        Assert.That(perRead, Is.LessThanOrEqualTo(result));
    }

    [Test]
    public void Bounds_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { MaxEntries = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { MaxBytes = -1 }));
    }

    [Test]
    public async Task It_is_named_memory_and_refuses_use_after_dispose()
    {
        var store = NewStore();
        Assert.That(store.Name, Is.EqualTo("memory"));
        await store.WriteAsync([Write(1, "x")]);
        await store.DisposeAsync();
        Assert.That(store.Count, Is.Zero);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ReadAsync(Keys(1, 1)));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.WriteAsync([Write(1, "x")]));
    }
}
