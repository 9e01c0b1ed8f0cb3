namespace Chalk.Tests.LiftingAssets.Aggregates;

/// <summary>A parent with has-many relations, as the engine's feature classes have them (there as DataFrame&lt;T&gt;).</summary>
public class Shop
{
    public int Id { get; init; }

    public double Threshold { get; init; }

    public IReadOnlyList<Review> Reviews { get; init; } = [];

    public IEnumerable<Order> Orders { get; init; } = [];

    public Owner? Owner { get; init; }
}

public class Review
{
    public int Id { get; init; }

    public int Rating { get; init; }

    public int? Stars { get; init; }

    public long Votes { get; init; }

    public long? Likes { get; init; }

    public float Weight { get; init; }

    public float? Boost { get; init; }

    public double Score { get; init; }

    public double? Helpfulness { get; init; }

    public string? Kind { get; init; }

    public string? ProductId { get; init; }

    public DateTime CreatedAt { get; init; }

    public bool Verified { get; init; }

    /// <summary>A computed getter of the child: inlined with the row as <c>this</c>.</summary>
    public bool IsPositive => Rating >= 4;
}

public class Order
{
    public int Id { get; init; }

    public double Total { get; init; }

    public DateTime CreatedAt { get; init; }
}

public class Owner
{
    public string? Name { get; init; }

    public IReadOnlyList<Review> Reviews { get; init; } = [];
}

/// <summary>The engine's window argument (a look-alike: the lifter must not depend on the engine's type).</summary>
public readonly record struct Window(DateTime Start, DateTime End);
