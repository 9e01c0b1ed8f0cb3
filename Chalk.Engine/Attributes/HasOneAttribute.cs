namespace Chalk;

/// <summary>Names the foreign key of a has-one relation when it is not <c>&lt;PropertyName&gt;Id</c>.</summary>
/// <example><c>[HasOne(ForeignKey = nameof(BuyerId))] public User? Buyer { get; init; }</c></example>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class HasOneAttribute : Attribute
{
    /// <summary>The property of this class holding the related class's primary key.</summary>
    public string? ForeignKey { get; init; }
}
