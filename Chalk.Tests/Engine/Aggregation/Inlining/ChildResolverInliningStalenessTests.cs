using DuckDB.NET.Data;
using Microsoft.Extensions.Time.Testing;

namespace Chalk.Tests.Engine.Aggregation.Inlining;

/// <summary>Online queries with the online store: an aggregate over an inlined loan feature is cached and served within
/// its max staleness exactly as the in-engine path's is, and computed afresh (inlined) after it.</summary>
[TestFixture(true)]
[TestFixture(false)]
public sealed class ChildResolverInliningStalenessTests(bool inline)
{
    [Test]
    public async Task A_cached_aggregate_is_served_until_its_max_staleness_passes_and_then_recomputed()
    {
        await using var data = await LibraryData.CreateAsync(seed: 42, loans: 300);
        var clock = new FakeTimeProvider(new DateTimeOffset(data.Now, TimeSpan.Zero));
        await using var engine = data.BuildEngine(inline, clock: clock, store: true);
        var plan = engine.Explain(["library.id"], ["library.total_days_late"]);
        Assert.That(plan, inline ? Does.Contain("loan.days_late = LibraryResolvers.DaysLate inlined") : Does.Not.Contain(" inlined"));
        long id = data.Loans.First(l => l.ReturnedAt is not null && l.DueAt is not null).LibraryId;
        string[] outputs = ["library.total_days_late", "library.worst_days_late"];
        var inputs = new Dictionary<string, object?> { ["library.id"] = id };

        var first = await engine.QueryAsync(inputs, outputs);
        Assert.That(first["library.total_days_late"], Is.EqualTo(Expected(data, id).TotalDaysLate).Within(1e-9));
        Assert.That(first.Sources["library.total_days_late"].Origin, Is.EqualTo(FeatureOrigin.Resolver));

        // Every returned loan of the library comes back ten days later.
        await data.Books.UseConnectionAsync(c =>
        {
            using var update = c.CreateCommand();
            update.CommandText = "update loans set returned_at = returned_at + interval 10 day where library_id = $1";
            update.Parameters.Add(new DuckDBParameter(id));
            update.ExecuteNonQuery();
            return Task.CompletedTask;
        });
        for (int i = 0; i < data.Loans.Count; i++)
        {
            if (data.Loans[i] is { ReturnedAt: { } back } l && l.LibraryId == id) data.Loans[i] = l with { ReturnedAt = back.AddDays(10) };
        }
        var later = Expected(data, id);
        Assert.That(later.TotalDaysLate, Is.Not.EqualTo((double)first["library.total_days_late"]!).Within(1e-9), "the update changes the total");

        clock.Advance(TimeSpan.FromMinutes(30));
        var cached = await engine.QueryAsync(inputs, outputs);
        Assert.That(cached.Sources["library.total_days_late"].Origin, Is.EqualTo(FeatureOrigin.OnlineStore));
        Assert.That(cached["library.total_days_late"], Is.EqualTo(first["library.total_days_late"]), "served from the store within its hour");
        Assert.That(cached["library.worst_days_late"], Is.EqualTo(later.WorstDaysLate).Within(1e-9), "a feature without staleness is computed afresh");

        clock.Advance(TimeSpan.FromMinutes(31));
        var fresh = await engine.QueryAsync(inputs, outputs);
        Assert.That(fresh.Sources["library.total_days_late"].Origin, Is.EqualTo(FeatureOrigin.Resolver));
        Assert.That(fresh["library.total_days_late"], Is.EqualTo(later.TotalDaysLate).Within(1e-9), "recomputed once the hour has passed");
    }

    private static Library Expected(LibraryData data, long id) => data.At(id, data.Now);
}
