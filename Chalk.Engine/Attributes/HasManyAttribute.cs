namespace Chalk;

/// <summary>Names the child's foreign key of a has-many relation when it cannot be inferred.</summary>
/// <example><c>[HasMany(ForeignKey = nameof(Transfer.FromUserId))] public DataFrame&lt;Transfer&gt; Sent { get; init; } = [];</c></example>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class HasManyAttribute : Attribute
{
    /// <summary>The property of the child class holding this class's primary key.</summary>
    public string? ForeignKey { get; init; }
}
