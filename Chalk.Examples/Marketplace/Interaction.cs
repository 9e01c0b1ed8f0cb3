namespace Chalk.Examples.Marketplace;

/// <summary>A user's interaction with a product: a view, a cart add, a purchase or an inquiry.</summary>
[Features]
public class Interaction
{
    /// <summary>The interaction's id.</summary>
    [Primary] public long Id { get; init; }
    /// <summary>The user.</summary>
    public long UserId { get; init; }
    /// <summary>The product.</summary>
    public long ProductId { get; init; }
    /// <summary><c>view</c>, <c>cart</c>, <c>purchase</c> or <c>inquiry</c>.</summary>
    public string Kind { get; init; } = "";
    /// <summary>When it happened.</summary>
    public DateTime CreatedAt { get; init; }
    /// <summary>The user (has-one).</summary>
    public User? User { get; init; }
    /// <summary>The product (has-one).</summary>
    public Product? Product { get; init; }

    /// <summary>Whether this was a purchase.</summary>
    public bool IsPurchase => Kind == "purchase";
}
