namespace Chalk.Examples.Marketplace;

/// <summary>An order a user placed for a product: one per purchase interaction.</summary>
[Features]
public class Order
{
    /// <summary>The order's id (the id of its purchase interaction).</summary>
    [Primary] public long Id { get; init; }
    /// <summary>The buyer.</summary>
    public long UserId { get; init; }
    /// <summary>The product bought.</summary>
    public long ProductId { get; init; }
    /// <summary>How many units, 1 to 3.</summary>
    public int Quantity { get; init; }
    /// <summary>The amount paid in dollars.</summary>
    public double Amount { get; init; }
    /// <summary>When it was placed.</summary>
    public DateTime CreatedAt { get; init; }
}
