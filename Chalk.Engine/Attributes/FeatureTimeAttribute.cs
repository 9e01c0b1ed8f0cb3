namespace Chalk;

/// <summary>Marks the <see cref="DateTime"/> feature that says when a row came to be, for point-in-time queries and windows.</summary>
/// <remarks>
/// A row whose time is after a query's time is invisible to that query's aggregations. Without this attribute, a
/// stored <see cref="DateTime"/> feature named <c>CreatedAt</c> or <c>Timestamp</c> plays the part; a class with
/// neither has rows that are always visible.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class FeatureTimeAttribute : Attribute;
