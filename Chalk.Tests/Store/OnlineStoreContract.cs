using Chalk.Store;

namespace Chalk.Tests.Store;

/// <summary>What every <see cref="IOnlineStore"/> does: values come back with their type and bits, a key finds exactly
/// its own entry, results follow the keys, time to live turns entries into misses, and concurrent use is safe.</summary>
/// <remarks>
/// <para>A store's fixture derives from this class and implements <see cref="CreateStoreAsync"/>; each test creates a
/// store and disposes it. Tests name their features with a suffix unique to the test, so a store that outlives a test
/// (a shared server) needs no cleaning, and a test never assumes the store is empty.</para>
/// <para>Hooks with defaults for a store that ages entries by real time:</para>
/// <list type="bullet">
/// <item><see cref="AdvanceTimeAsync"/>: makes the store's clock pass a span; the default waits it out with
/// <see cref="Task.Delay(TimeSpan)"/>. A store built on a <see cref="TimeProvider"/> advances a <see cref="ManualClock"/>.</item>
/// <item><see cref="ShortTimeToLive"/>: the time to live the expiry tests write with (default one second); they
/// advance by one and a half times it.</item>
/// </list>
/// <para>A key other than an integer or a string, or a value other than a feature type, is an
/// <see cref="ArgumentException"/>, and a batch holding one writes nothing.</para>
/// </remarks>
public abstract class OnlineStoreContract
{
    private string _suffix = "";

    /// <summary>Creates the store under test; the test disposes it.</summary>
    protected abstract Task<IOnlineStore> CreateStoreAsync();

    /// <summary>Makes <paramref name="span"/> pass on the store's clock. Default: waits it out.</summary>
    protected virtual Task AdvanceTimeAsync(TimeSpan span) => Task.Delay(span);

    /// <summary>The time to live the expiry tests write with. Default: one second.</summary>
    protected virtual TimeSpan ShortTimeToLive => TimeSpan.FromSeconds(1);

    [SetUp]
    public void NameThisTestsFeatures() => _suffix = Guid.NewGuid().ToString("N")[..12];

    /// <summary>A feature name unique to the running test.</summary>
    protected string Feature(string name) => name + "_" + _suffix;

    /// <summary>A value computed at <see cref="FeatureValueSamples.ComputedAt"/>.</summary>
    protected static StoredValue At(object? value) => new(value, FeatureValueSamples.ComputedAt);

    protected static StoreWrite Write(string feature, object entity, object? value, TimeSpan? timeToLive = null) =>
        new(new StoreKey(feature, entity), At(value), timeToLive);

    protected static async Task<StoredValue?> ReadOneAsync(IOnlineStore store, string feature, object entity) =>
        (await store.ReadAsync([new StoreKey(feature, entity)]))[0];

    [TestCaseSource(typeof(FeatureValueSamples), nameof(FeatureValueSamples.Cases))]
    public async Task A_value_reads_back_with_its_type_and_bits(int sample)
    {
        var (name, value) = FeatureValueSamples.All[sample];
        await using var store = await CreateStoreAsync();
        string feature = Feature("sample.value");
        await store.WriteAsync([Write(feature, 1L, value)]);
        var read = await ReadOneAsync(store, feature, 1L);
        Assert.That(read, Is.Not.Null, $"{name}: a value written, even null, is a hit");
        FeatureValueSamples.AssertSameValue(value, read!.Value.Value, name);
        Assert.That(read.Value.ComputedAt.UtcTicks, Is.EqualTo(FeatureValueSamples.ComputedAt.UtcTicks), $"{name}: computed at");
    }

    [Test]
    public async Task Every_kind_written_in_one_batch_reads_back_in_one_batch()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("sample.value");
        var samples = FeatureValueSamples.All;
        await store.WriteAsync([.. samples.Select((s, i) => Write(feature, "row " + i, s.Value))]);
        var read = await store.ReadAsync([.. samples.Select((_, i) => new StoreKey(feature, "row " + i))]);
        Assert.That(read, Has.Count.EqualTo(samples.Length));
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.That(read[i], Is.Not.Null, samples[i].Name);
            FeatureValueSamples.AssertSameValue(samples[i].Value, read[i]!.Value.Value, samples[i].Name);
        }
    }

    [Test]
    public async Task Keys_never_written_read_as_misses()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.age"), other = Feature("user.name");
        await store.WriteAsync([Write(feature, 1L, 30L)]);
        var read = await store.ReadAsync([new(feature, 2L), new(other, 1L), new(feature, "1"), new(Feature("nothing.here"), "x")]);
        Assert.That(read, Is.EqualTo(new StoredValue?[] { null, null, null, null }));
    }

    [Test]
    public async Task Empty_batches_read_nothing_and_write_nothing()
    {
        await using var store = await CreateStoreAsync();
        await store.WriteAsync([]);
        Assert.That(await store.ReadAsync([]), Is.Empty);
    }

    [Test]
    public async Task Results_follow_the_order_of_the_keys_repeats_included()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.age");
        await store.WriteAsync([Write(feature, 1L, 10L), Write(feature, 2L, 20L)]);
        var read = await store.ReadAsync([new(feature, 2L), new(feature, 3L), new(feature, 1L), new(feature, 2L), new(feature, 2L)]);
        Assert.That(read.Select(r => r?.Value), Is.EqualTo(new object?[] { 20L, null, 10L, 20L, 20L }));
        Assert.That(read.Select(r => r.HasValue), Is.EqualTo(new[] { true, false, true, true, true }));
    }

    [Test]
    public async Task A_string_key_finds_only_the_entry_with_exactly_that_key()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("locker.slot");
        string[] written = ["a\0b", "a", "\u00e9", ""];
        await store.WriteAsync([.. written.Select((k, i) => Write(feature, k, (long)i))]);
        string[] probes = ["a\0b", "a", "a\0", "A\0B", "a\0b\0", "\0", "\u00e9", "e\u0301", "", " "];
        var read = await store.ReadAsync([.. probes.Select(k => new StoreKey(feature, k))]);
        var expected = probes.Select(k => Array.IndexOf(written, k) is var i and >= 0 ? (object?)(long)i : null);
        Assert.That(read.Select(r => r?.Value), Is.EqualTo(expected));
    }

    [Test]
    public async Task An_int_key_and_a_long_key_of_the_same_number_are_one_row()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.age");
        await store.WriteAsync([Write(feature, 5, "from int")]);
        Assert.That((await ReadOneAsync(store, feature, 5L))?.Value, Is.EqualTo("from int"));
        await store.WriteAsync([Write(feature, 5L, "from long")]);
        Assert.That((await ReadOneAsync(store, feature, 5))?.Value, Is.EqualTo("from long"));
        Assert.That(await ReadOneAsync(store, feature, "5"), Is.Null, "the string \"5\" is another row");
        await store.WriteAsync([Write(feature, (long)int.MaxValue + 1, "wide")]);
        Assert.That((await ReadOneAsync(store, feature, int.MinValue)), Is.Null);
    }

    [Test]
    public async Task A_write_replaces_the_value_its_kind_and_its_computed_at()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.score");
        await store.WriteAsync([Write(feature, "u1", 1L)]);
        var later = FeatureValueSamples.ComputedAt.AddMinutes(5);
        await store.WriteAsync([new StoreWrite(new StoreKey(feature, "u1"), new StoredValue(2.5, later), null)]);
        var read = await ReadOneAsync(store, feature, "u1");
        Assert.That(read?.Value, Is.EqualTo(2.5));
        Assert.That(read?.ComputedAt, Is.EqualTo(later));
    }

    [Test]
    public async Task Within_one_batch_the_last_write_of_a_key_wins()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.score");
        await store.WriteAsync([Write(feature, 7L, "first"), Write(feature, 7, "second"), Write(feature, 7L, "third")]);
        Assert.That((await ReadOneAsync(store, feature, 7L))?.Value, Is.EqualTo("third"));
    }

    [Test]
    public async Task An_entry_past_its_time_to_live_reads_as_a_miss()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.age");
        await store.WriteAsync([Write(feature, 1L, "short", ShortTimeToLive), Write(feature, 2L, "long", TimeSpan.FromHours(1)), Write(feature, 3L, "forever")]);
        var before = await store.ReadAsync([new(feature, 1L), new(feature, 2L), new(feature, 3L)]);
        Assert.That(before.Select(r => r?.Value), Is.EqualTo(new object?[] { "short", "long", "forever" }));
        await AdvanceTimeAsync(ShortTimeToLive * 1.5);
        var after = await store.ReadAsync([new(feature, 1L), new(feature, 2L), new(feature, 3L)]);
        Assert.That(after.Select(r => r?.Value), Is.EqualTo(new object?[] { null, "long", "forever" }));
        Assert.That(await ReadOneAsync(store, feature, 1L), Is.Null, "an expired entry stays a miss");
    }

    [Test]
    public async Task A_later_write_sets_the_time_to_live_anew()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.age");
        await store.WriteAsync([Write(feature, 1L, "was short", ShortTimeToLive), Write(feature, 2L, "was forever")]);
        await store.WriteAsync([Write(feature, 1L, "now forever"), Write(feature, 2L, "now short", ShortTimeToLive)]);
        await AdvanceTimeAsync(ShortTimeToLive * 1.5);
        var read = await store.ReadAsync([new(feature, 1L), new(feature, 2L)]);
        Assert.That(read.Select(r => r?.Value), Is.EqualTo(new object?[] { "now forever", null }));
    }

    [Test]
    public async Task A_zero_time_to_live_is_a_miss_at_once()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.age");
        await store.WriteAsync([Write(feature, 1L, "kept")]);
        await store.WriteAsync([Write(feature, 1L, "gone", TimeSpan.Zero)]);
        Assert.That(await ReadOneAsync(store, feature, 1L), Is.Null);
    }

    [Test]
    public async Task A_thousand_keys_are_written_and_read_in_one_call_each()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("order.total");
        var entities = Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? (object)(long)i : "order-" + i).ToArray();
        await store.WriteAsync([.. entities.Select((e, i) => Write(feature, e, i * 1.5))]);
        var keys = entities.Select(e => new StoreKey(feature, e)).Append(new StoreKey(feature, 1001L)).ToArray();
        var read = await store.ReadAsync(keys);
        Assert.That(read, Has.Count.EqualTo(1001));
        Assert.That(read.Take(1000).Select(r => r?.Value), Is.EqualTo(Enumerable.Range(0, 1000).Select(i => (object)(i * 1.5))));
        Assert.That(read[1000], Is.Null);
    }

    [Test]
    public async Task Concurrent_readers_see_whole_entries_that_only_move_forward()
    {
        const int Writers = 3, Readers = 3, KeysPerWriter = 40, Rounds = 40;
        await using var store = await CreateStoreAsync();
        string feature = Feature("counter.value");
        var epoch = FeatureValueSamples.ComputedAt;
        // Round r of a key is the value r computed r seconds after the epoch: a read pairing one round's value with
        // another round's time would be half of one write and half of another.
        StoreWrite Round(int key, long round) => new(new StoreKey(feature, (long)key), new StoredValue(round, epoch.AddSeconds(round)), null);
        var keys = Enumerable.Range(0, Writers * KeysPerWriter).Select(k => new StoreKey(feature, (long)k)).ToArray();
        int writing = Writers;
        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            try
            {
                for (long round = 1; round <= Rounds; round++)
                    await store.WriteAsync([.. Enumerable.Range(w * KeysPerWriter, KeysPerWriter).Select(k => Round(k, round))]);
            }
            finally
            {
                Interlocked.Decrement(ref writing);
            }
        })).ToArray();
        var readers = Enumerable.Range(0, Readers).Select(_ => Task.Run(async () =>
        {
            var seen = new long[keys.Length];
            int reads = 0;
            do
            {
                var read = await store.ReadAsync(keys);
                reads++;
                for (int k = 0; k < keys.Length; k++)
                {
                    if (read[k] is not { } v) continue;
                    long round = (long)v.Value!;
                    Assert.That(v.ComputedAt, Is.EqualTo(epoch.AddSeconds(round)), $"key {k}: value and time of one write");
                    Assert.That(round, Is.GreaterThanOrEqualTo(seen[k]), $"key {k}: never an older round after a newer one");
                    seen[k] = round;
                }
            } while (Volatile.Read(ref writing) > 0);
            return reads;
        })).ToArray();
        await Task.WhenAll(writers);
        var readCounts = await Task.WhenAll(readers);
        Assert.That(readCounts, Has.All.GreaterThan(0));
        var final = await store.ReadAsync(keys);
        Assert.That(final.Select(r => r?.Value), Has.All.EqualTo((long)Rounds));
    }

    [Test]
    public async Task A_key_that_is_not_an_integer_or_a_string_is_an_argument_error()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.age");
        await Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), async () => await store.ReadAsync([new(feature, Guid.Empty)]));
        await Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), async () => await store.WriteAsync([Write(feature, 1.5, 1L)]));
    }

    [Test]
    public async Task A_batch_with_a_value_of_another_type_writes_none_of_it()
    {
        await using var store = await CreateStoreAsync();
        string feature = Feature("user.age");
        await store.WriteAsync([Write(feature, 1L, "before")]);
        await Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(),
            async () => await store.WriteAsync([Write(feature, 1L, "after"), Write(feature, 2L, 1.5m)]));
        var read = await store.ReadAsync([new(feature, 1L), new(feature, 2L)]);
        Assert.That(read.Select(r => r?.Value), Is.EqualTo(new object?[] { "before", null }));
    }
}
