namespace Chalk;

/// <summary>How old a stored value of a feature may be when an online query serves it from the online store instead of
/// running its resolver, e.g. <c>[MaxStaleness("30d")]</c>. On a <see cref="FeaturesAttribute"/> class it applies to every
/// scalar feature of the class that does not carry its own.</summary>
/// <remarks>
/// Write a whole number and a unit (<c>s</c>, <c>m</c>, <c>h</c>, <c>d</c>, <c>w</c>), <c>"0s"</c> (never cached, the
/// default), or <c>"infinity"</c> (cached until replaced). A query can override it per feature with
/// <see cref="QueryOptions.Staleness"/>. Values computed by online queries are written back to the store; batch queries
/// fill it with <see cref="ChalkEngine.MaterializeAsync(Apache.Arrow.RecordBatch, IReadOnlyList{string}, CancellationToken)"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Method | AttributeTargets.Class, Inherited = false)]
public sealed class MaxStalenessAttribute(string duration) : Attribute
{
    /// <summary>The staleness as written, e.g. <c>30d</c>, <c>10m</c>, <c>0s</c> or <c>infinity</c>.</summary>
    public string Duration { get; } = duration;
}
