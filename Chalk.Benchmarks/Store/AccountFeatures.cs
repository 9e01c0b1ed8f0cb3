namespace Chalk.Benchmarks.Store;

/// <summary>The materialization benchmark's account: 50 aggregate features over its payments (14 plain, 6 windowed
/// methods × 6 windows), every one cacheable for a day, so that an online query can be served whole from the store.</summary>
/// <remarks>The class-level <see cref="MaxStalenessAttribute"/> gives every scalar feature of the class a day's staleness,
/// which is what <see cref="ChalkEngine.MaterializeAsync(Apache.Arrow.RecordBatch, IReadOnlyList{string}, CancellationToken)"/>
/// requires of its outputs.</remarks>
[Features(Name = "account")]
[MaxStaleness("1d")]
public class Account
{
    [Primary] public long Id { get; init; }
    public DataFrame<AccountPayment> Payments { get; init; } = [];

    public int PaymentCount => Payments.Count;
    public double TotalAmount => Payments.Sum(p => p.Amount);
    public double? AverageAmount => Payments.Average(p => (double?)p.Amount);
    public double? MaxAmount => Payments.Max(p => (double?)p.Amount);
    public double? MinAmount => Payments.Min(p => (double?)p.Amount);
    public long BigPayments => Payments.LongCount(p => p.Amount > 500);
    public long SmallPayments => Payments.LongCount(p => p.Amount < 10);
    public int RefundCount => Payments.Count(p => p.Kind == "refund");
    public double RefundTotal => Payments.Where(p => p.Kind == "refund").Sum(p => p.Amount);
    public int DistinctMerchants => Payments.Select(p => p.MerchantId).Distinct().Count();
    public int DistinctRefundMerchants => Payments.Where(p => p.Kind == "refund").Select(p => p.MerchantId).Distinct().Count();
    public bool AnyRefund => Payments.Any(p => p.Kind == "refund");
    public bool AllUnderThousand => Payments.All(p => p.Amount < 1000);
    public double? LastAmount => Payments.MaxBy(p => p.CreatedAt)?.Amount;

    [Windowed("1d", "7d", "14d", "30d", "90d", "180d")]
    public int RecentCount(Window w) => Payments.Count(p => p.CreatedAt >= w.Start);

    [Windowed("1d", "7d", "14d", "30d", "90d", "180d")]
    public double RecentAmount(Window w) => Payments.Where(p => p.CreatedAt >= w.Start).Sum(p => p.Amount);

    [Windowed("1d", "7d", "14d", "30d", "90d", "180d")]
    public int RecentRefunds(Window w) => Payments.Count(p => p.CreatedAt >= w.Start && p.Kind == "refund");

    [Windowed("1d", "7d", "14d", "30d", "90d", "180d")]
    public int RecentBigPayments(Window w) => Payments.Count(p => p.CreatedAt >= w.Start && p.Amount > 500);

    [Windowed("1d", "7d", "14d", "30d", "90d", "180d")]
    public double? RecentMaxAmount(Window w) => Payments.Where(p => p.CreatedAt >= w.Start).Max(p => (double?)p.Amount);

    [Windowed("1d", "7d", "14d", "30d", "90d", "180d")]
    public int RecentMerchants(Window w) => Payments.Where(p => p.CreatedAt >= w.Start).Select(p => p.MerchantId).Distinct().Count();
}

/// <summary>One payment of an <see cref="Account"/>; <see cref="CreatedAt"/> is its time.</summary>
[Features(Name = "account_payment")]
public class AccountPayment
{
    [Primary] public long Id { get; init; }
    public long AccountId { get; init; }
    public long MerchantId { get; init; }
    public double Amount { get; init; }
    public string Kind { get; init; } = "";
    public DateTime CreatedAt { get; init; }
}
