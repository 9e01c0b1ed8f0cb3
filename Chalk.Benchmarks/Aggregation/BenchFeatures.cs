namespace Chalk.Benchmarks.Aggregation;

/// <summary>The aggregation benchmark's user: ten aggregate features over a has-many relation, three of them windowed.</summary>
[Features(Name = "buyer")]
public class Buyer
{
    [Primary] public long Id { get; init; }
    public DataFrame<Payment> Payments { get; init; } = [];

    public int PaymentCount => Payments.Count;
    public double TotalSpend => Payments.Sum(p => p.Amount);
    public long BigOrders => Payments.LongCount(p => p.Amount > 500);
    public double? AverageAmount => Payments.Average(p => (double?)p.Amount);
    public double? MaxAmount => Payments.Max(p => (double?)p.Amount);
    public int RefundCount => Payments.Count(p => p.Kind == "refund");
    public int DistinctMerchants => Payments.Select(p => p.MerchantId).Distinct().Count();

    [Windowed("7d", "30d", "90d")]
    public int RecentPayments(Window w) => Payments.Count(p => p.CreatedAt >= w.Start);
}

/// <summary>One payment of a <see cref="Buyer"/>.</summary>
[Features(Name = "payment")]
public class Payment
{
    [Primary] public long Id { get; init; }
    public long BuyerId { get; init; }
    public long MerchantId { get; init; }
    public double Amount { get; init; }
    public string Kind { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}
