namespace Chalk.Expressions.Aggregation;

/// <summary>The result type LINQ gives each aggregate for its value type; the Arrow aggregator accepts only these.</summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Count</c>: int32 (<c>Count()</c>) or int64 (<c>LongCount()</c>), any value type when distinct.</item>
/// <item><c>Sum</c>: int32, int64, float32 or float64, result of the value's type (LINQ's <c>Sum</c> overloads).</item>
/// <item><c>Average</c>: of int32/int64/float64 is float64, of float32 is float32.</item>
/// <item><c>Min</c>, <c>Max</c>, <c>MinBy</c>, <c>MaxBy</c>, <c>First</c>, <c>Last</c>: the value's type (any); order keys of any type.</item>
/// <item><c>Any</c>, <c>All</c>: bool.</item>
/// </list>
/// <c>MinBy</c>/<c>MaxBy</c> select rows, not values, so <see cref="AggregateExpr.Distinct"/> has no LINQ form for them.
/// </remarks>
internal static class AggregateSignatures
{
    /// <exception cref="ArgumentException">The aggregate's type does not match its kind and value, or distinct is set where it has no meaning.</exception>
    public static void Check(AggregateExpr a)
    {
        var value = a.Value?.Type;
        bool ok = a.Kind switch
        {
            AggregateKind.Count => a.Type is ExprType.Int32 or ExprType.Int64,
            AggregateKind.Sum => value is { } v && v.IsNumeric() && a.Type == v,
            AggregateKind.Average => value is { } v && v.IsNumeric() && a.Type == (v == ExprType.Float32 ? ExprType.Float32 : ExprType.Float64),
            AggregateKind.Any or AggregateKind.All => a.Type == ExprType.Bool,
            _ => a.Type == value,
        };
        if (!ok)
        {
            string of = value is { } t ? $" of {t.Name()}" : "";
            throw new ArgumentException($"{a.Kind}{of} cannot have type {a.Type.Name()}; see AggregateSignatures for LINQ's result types.", nameof(a));
        }
        if (a.Distinct && a.Kind is AggregateKind.MinBy or AggregateKind.MaxBy)
            throw new ArgumentException($"{a.Kind} selects a row, so it cannot take distinct values.", nameof(a));
    }
}
