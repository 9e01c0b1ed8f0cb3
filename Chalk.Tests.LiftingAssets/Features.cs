namespace Chalk.Tests.LiftingAssets;

/// <summary>Feature-like classes whose instance getters lift through a member binder.</summary>
public class Transaction
{
    public double Total { get; init; }

    public double? Discount { get; init; }

    public User? User { get; init; }

    public bool IsExpensive => Total > 1000;

    public double Net => Total - (Discount ?? 0);

    public bool IsLargeNet => Net > 500;

    public string? UserName => User?.Name;

    public string UserNameUpper => User!.Name.ToUpperInvariant();
}

public class User
{
    public string Name { get; init; } = "";

    public int Age { get; init; }
}
