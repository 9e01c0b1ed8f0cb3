namespace Chalk.Tests.Engine.OnlineStore;

/// <summary>[MaxStaleness] as written on features and classes: parsed once at build, inherited from the class, and
/// refused with the member named where it cannot mean anything.</summary>
public sealed class MaxStalenessDefinitionTests
{
    [Features]
    [MaxStaleness("2h")]
    public class StaleShelf
    {
        [Primary] public long Id { get; init; }
        public string? Label { get; init; }
        [MaxStaleness("infinity")] public long Height { get; init; }
        [MaxStaleness("0s")] public long Width { get; init; }
        public long Area => Height * Width;
    }

    [Features]
    public class StaleBadDuration
    {
        [Primary] public long Id { get; init; }
        [MaxStaleness("30 days")] public long Value { get; init; }
    }

    [Features]
    public class StaleOnKey
    {
        [Primary, MaxStaleness("1d")] public long Id { get; init; }
    }

    [Features]
    public class StaleOwner
    {
        [Primary] public long Id { get; init; }
        [MaxStaleness("1d")] public StaleShelf? Shelf { get; init; }
        public long ShelfId { get; init; }
    }

    [Test]
    public void A_class_staleness_applies_to_features_without_their_own_and_never_to_the_key()
    {
        var engine = ChalkEngine.CreateBuilder().AddFeatures(typeof(StaleShelf)).Build();
        var shelf = engine.Features.FindClass("stale_shelf")!;
        Assert.That(shelf.Find("label")!.MaxStaleness, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(shelf.Find("area")!.MaxStaleness, Is.EqualTo(TimeSpan.FromHours(2)));
        Assert.That(shelf.Find("height")!.MaxStaleness, Is.EqualTo(TimeSpan.MaxValue));
        Assert.That(shelf.Find("width")!.MaxStaleness, Is.EqualTo(TimeSpan.Zero));
        Assert.That(shelf.Find("id")!.MaxStaleness, Is.Null);
    }

    [TestCase(typeof(StaleBadDuration), "StaleBadDuration.Value: [MaxStaleness] '30 days' is not a max staleness")]
    [TestCase(typeof(StaleOnKey), "StaleOnKey.Id: [MaxStaleness] is on the primary key")]
    [TestCase(typeof(StaleOwner), "StaleOwner.Shelf: [MaxStaleness] is on a relation")]
    public void A_staleness_that_cannot_mean_anything_is_refused_naming_the_member(Type type, string message)
    {
        var error = Assert.Throws<ChalkDefinitionException>(() => ChalkEngine.CreateBuilder().AddFeatures(type, typeof(StaleShelf)).Build());
        Assert.That(error!.Message, Does.Contain(message));
    }
}
