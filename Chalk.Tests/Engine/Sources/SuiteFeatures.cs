namespace Chalk.Tests.Engine.Sources;

// The feature classes of the cross-source suite. Integers are long: SQLite and BigQuery have no 32-bit integer type,
// so an int feature cannot be filled from them (int64 → int32 is not a lossless widening).

[Features]
public class Store
{
    [Primary] public long Id { get; init; }
    public string Name { get; init; } = "";
    public string? Country { get; init; }
    public DateTime OpenedAt { get; init; }
    public double? Rating { get; init; }
    public bool IsOpen { get; init; }
}

[Features]
public class Customer
{
    [Primary] public long Id { get; init; }
    public long StoreId { get; init; }
    public Store? Store { get; init; }
    public string Name { get; init; } = "";
    public string? Email { get; init; }
    public bool IsVip { get; init; }
    public bool? Newsletter { get; init; }
    public long Visits { get; init; }
    public long? Age { get; init; }
    public double Balance { get; init; }
    public double? CreditLimit { get; init; }
    public DateTime JoinedAt { get; init; }
    public DateTime? LastSeenAt { get; init; }
    public DataFrame<Purchase> Purchases { get; init; } = [];
    public string Greeting { get; init; } = "";
    public string? EmailDomain { get; init; }

    public long PurchaseCount => Purchases.Count;
    public double TotalSpent => Purchases.Sum(p => p.Amount);
    public long GiftCount => Purchases.Count(p => p.Gift);
    public long NameLength => Name.Length;
    public bool IsRegular => Visits >= 5 && !IsVip;
}

[Features]
public class Purchase
{
    [Primary] public long Id { get; init; }
    public long CustomerId { get; init; }
    public double Amount { get; init; }
    public long Quantity { get; init; }
    public string? Note { get; init; }
    public bool Gift { get; init; }
    public DateTime PurchasedAt { get; init; }
    public DateTime? RefundedAt { get; init; }
}

public static class SuiteResolvers
{
    [Resolver(Output = "customer.greeting")]
    public static string Greeting(string name, [Feature("customer.store.name")] string storeName) => "Hello " + name + " from " + storeName;

    [Resolver(Output = "customer.email_domain")]
    public static string? EmailDomain(string? email) => email is null ? null : email[(email.IndexOf('@') + 1)..];
}

/// <summary>A purchase seen through a 32-bit feature: fillable only where the source has a 32-bit integer type.</summary>
[Features]
public class Basket
{
    [Primary] public long Id { get; init; }
    public int Quantity { get; init; }
}
