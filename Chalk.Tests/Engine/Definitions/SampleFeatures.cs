#pragma warning disable CA1822 // feature getters are instance members by design
namespace Chalk.Tests.Engine.Definitions;

[Features]
public class Account
{
    public long Id { get; init; }
    public bool IsActive { get; init; }
    public bool? WasFlagged { get; init; }
    public int Logins { get; init; }
    public int? LoginsLastWeek { get; init; }
    public long? ParentId { get; init; }
    public double Balance { get; init; }
    public double? CreditLimit { get; init; }
    public float Score { get; init; }
    public float? ScoreDelta { get; init; }
    public string Name { get; init; } = "";
    public string? Nickname { get; init; }
    public DateTime OpenedAt { get; init; }
    public DateTime? ClosedAt { get; init; }
    public DateTimeOffset LastSeen { get; init; }
    public DateTimeOffset? LastPayment { get; init; }
    public string HTTPStatusText { get; init; } = "";
    public string Sha256Hash { get; init; } = "";
    [Feature("custom_name")] public int Renamed { get; init; }
    [Ignore] public object? Scratch { get; set; }
    public Owner? Owner { get; init; }
    public long OwnerId { get; init; }
    public DataFrame<Payment> Payments { get; init; } = [];
    public bool Overdrawn => Balance < 0;
    public double Headroom => (CreditLimit ?? 0) + Balance;
}

[Features]
public class Owner
{
    [Primary] public long OwnerKey { get; init; }
    public string Email { get; init; } = "";
}

[Features]
public class Payment
{
    public long Id { get; init; }
    public long AccountId { get; init; }
    public double Amount { get; init; }
}

public static class AccountResolvers
{
    [Resolver(Output = "account.balance")]
    public static double Balance(double creditLimit) => creditLimit;
}
