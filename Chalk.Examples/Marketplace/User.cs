namespace Chalk.Examples.Marketplace;

/// <summary>A marketplace member who buys, browses and reviews products.</summary>
[Features]
public class User
{
    /// <summary>The user's id.</summary>
    [Primary] public long Id { get; init; }
    /// <summary>The unique handle.</summary>
    public string Username { get; init; } = "";
    /// <summary>First and last name.</summary>
    public string FullName { get; init; } = "";
    /// <summary>Contact email.</summary>
    public string Email { get; init; } = "";
    /// <summary>ISO country code.</summary>
    public string Country { get; init; } = "";
    /// <summary>Whether the account passed identity checks.</summary>
    public bool IsVerified { get; init; }
    /// <summary>Year of birth, when given.</summary>
    public int? BirthYear { get; init; }
    /// <summary>When the account was created.</summary>
    public DateTime CreatedAt { get; init; }
    /// <summary>The handle shown on the site; computed by <see cref="MarketplaceResolvers.GetMarketplaceUsername"/>.</summary>
    public string MarketplaceUsername { get; init; } = "";
    /// <summary>The reviews this user wrote.</summary>
    public DataFrame<Review> Reviews { get; init; } = [];
    /// <summary>The user's views, carts, purchases and inquiries.</summary>
    public DataFrame<Interaction> Interactions { get; init; } = [];
    /// <summary>The orders the user placed.</summary>
    public DataFrame<Order> Orders { get; init; } = [];
    /// <summary>The questions the user asked about products.</summary>
    public DataFrame<Inquiry> Inquiries { get; init; } = [];

    /// <summary>Name and handle, as shown next to a review.</summary>
    public string DisplayName => FullName + " (@" + Username + ")";
    /// <summary>The domain part of the email address.</summary>
    public string EmailDomain => Email.Substring(Email.IndexOf('@') + 1);
    /// <summary>How many reviews the user wrote; served from the online store for up to an hour.</summary>
    [MaxStaleness("1h")] public long ReviewCount => Reviews.Count;
    /// <summary>The mean star rating the user gives, or null with no reviews; served from the online store for up to an hour.</summary>
    [MaxStaleness("1h")] public double? AverageRatingGiven => Reviews.Average(r => (double?)r.Rating);
    /// <summary>How many purchases the user made; served from the online store for up to ten minutes, since purchases
    /// come more often than reviews.</summary>
    [MaxStaleness("10m")] public long PurchaseCount => Interactions.Count(i => i.Kind == "purchase");
    /// <summary>How many orders the user placed.</summary>
    public long TotalOrdersPlaced => Orders.Count;
    /// <summary>How many questions the user asked about products.</summary>
    public long TotalProductInquiryCount => Inquiries.Count;
    /// <summary>How many different products the user asked about.</summary>
    public long UniqueProductsInquiredAbout => Inquiries.Select(i => i.ProductId).Distinct().Count();
}
