using Chalk.Store;
using Chalk.Tests.Infrastructure;
using Chalk.Tests.Store;

namespace Chalk.Tests.Audit.Ferry;

/// <summary>The in-memory store at its bounds: entries come and go, and an answer is always its own key's value.</summary>
public sealed class FerryEvictionTests
{
    [Test]
    public async Task An_evicting_store_never_serves_another_keys_value()
    {
        var db = await FerryData.CreateAsync();
        try
        {
            var clock = FerryData.Clock();
            await using var small = new InMemoryOnlineStore(new InMemoryOnlineStoreOptions { TimeProvider = clock, MaxEntries = 4, MaxBytes = 4096 });
            await using var engine = FerryData.Engine(db, small, clock);
            var random = new Random(7);
            int served = 0;
            for (int i = 0; i < 120; i++)
            {
                var v = FerryData.Vessels[random.Next(FerryData.Vessels.Length)];
                var r = await engine.QueryAsync(new Dictionary<string, object?> { ["ferry_vessel.id"] = v.Id }, ["ferry_vessel.name", "ferry_vessel.capacity"]);
                Assert.That(r["ferry_vessel.name"], Is.EqualTo(v.Name), v.Id);
                Assert.That(r["ferry_vessel.capacity"], Is.EqualTo(v.Capacity), v.Id);
                served += r.Store.Hits;
                if (i % 3 == 0) await engine.FlushOnlineStoreAsync();
                Assert.That(small.Count, Is.LessThanOrEqualTo(4));
                Assert.That(small.ByteSize, Is.LessThanOrEqualTo(4096));
            }
            Assert.That(served, Is.GreaterThan(0), "some answers came from the store");
        }
        finally
        {
            db.Delete();
        }
    }
}
