namespace Chalk.Examples.Marketplace;

/// <summary>A question a user asked a seller about a product: one per inquiry interaction.</summary>
[Features]
public class Inquiry
{
    /// <summary>The inquiry's id (the id of its inquiry interaction).</summary>
    [Primary] public long Id { get; init; }
    /// <summary>Who asked.</summary>
    public long UserId { get; init; }
    /// <summary>The product asked about.</summary>
    public long ProductId { get; init; }
    /// <summary>The question.</summary>
    public string Question { get; init; } = "";
    /// <summary>When it was asked.</summary>
    public DateTime CreatedAt { get; init; }
}
