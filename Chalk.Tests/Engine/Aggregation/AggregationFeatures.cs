namespace Chalk.Tests.Engine.Aggregation;

/// <summary>A shopper whose features are LINQ over their purchases: one of every aggregate shape the engine supports.</summary>
[Features]
public class Shopper
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public DataFrame<Purchase> Purchases { get; init; } = [];

    public int PurchaseCount => Purchases.Count;
    public long BigOrders => Purchases.LongCount(p => p.Amount > 100);
    public double TotalSpend => Purchases.Sum(p => p.Amount);
    public double SpendPerOrder => TotalSpend / Math.Max(PurchaseCount, 1);
    public int QuantitySum => Purchases.Sum(p => p.Quantity);
    public long LongQuantitySum => Purchases.Sum(p => (long)p.Quantity);
    public double? AverageStars => Purchases.Average(p => (double?)p.Stars);
    public double AverageQuantity => Purchases.Average(p => p.Quantity);
    public double MaxAmount => Purchases.Max(p => p.Amount);
    public double MinAmount => Purchases.Min(p => p.Amount);
    public double? MinDiscount => Purchases.Min(p => p.Discount);
    public int? MaxStars => Purchases.Max(p => p.Stars);
    public int? MostRecentStars => Purchases.MaxBy(p => p.CreatedAt)?.Stars;
    public string? CheapestKind => Purchases.MinBy(p => p.Amount)?.Kind;
    public string? FirstKind => Purchases.OrderBy(p => p.CreatedAt).FirstOrDefault()?.Kind;
    public double LastAmount => Purchases.OrderBy(p => p.Quantity).Last().Amount;
    public int UniqueGiftProducts => Purchases.Where(p => p.Kind == "gift").Select(p => p.ProductId).Distinct().Count();
    public bool AnyRefund => Purchases.Any(p => p.Kind == "refund");
    public bool AllSmall => Purchases.All(p => p.Amount < 500);
    public bool HasPurchases => Purchases.Any();

    [Windowed("1d", "7d", "30d")]
    public long RecentPurchases(Window w) => Purchases.Count(p => p.CreatedAt >= w.Start);

    [Windowed("7d")]
    public double RecentSpend(Window w) => Purchases.Where(p => p.CreatedAt > w.Start).Sum(p => p.Amount);
}

/// <summary>One purchase; <see cref="CreatedAt"/> is its time, so purchases after a query's time are invisible to it.</summary>
[Features]
public class Purchase
{
    [Primary] public long Id { get; init; }
    public long ShopperId { get; init; }
    public long ProductId { get; init; }
    public double Amount { get; init; }
    public int Quantity { get; init; }
    public int? Stars { get; init; }
    public double? Discount { get; init; }
    public string Kind { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}
