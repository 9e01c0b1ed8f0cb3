namespace Chalk;

/// <summary>The time window of a windowed feature: the interval that ends at the query's time.</summary>
/// <param name="Start">The window's first instant (inclusive).</param>
/// <param name="End">The query's time (inclusive).</param>
public readonly record struct Window(DateTime Start, DateTime End);
