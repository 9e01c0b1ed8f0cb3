using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Store;

/// <summary>Feature values as the store keeps them: each of its feature's CLR type, with primary keys as integers or strings.</summary>
internal static class FeatureStoreValues
{
    /// <summary>The value at <paramref name="row"/> of a feature column, as the feature's CLR type.</summary>
    public static object? Read(IArrowArray column, int row, FeatureType type)
    {
        var value = ArrowValues.Get(column, row);
        return (value, type.Kind) switch
        {
            (DateTime d, ScalarKind.DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
            (DateTime d, ScalarKind.DateTime) => DateTime.SpecifyKind(d, DateTimeKind.Unspecified),
            _ => value,
        };
    }

    /// <summary>Whether a stored value can be the feature's value: exactly its type, or null when it is nullable. Anything
    /// else was written for another definition of the feature (its type changed), so it is a miss.</summary>
    public static bool Fits(object? value, FeatureType type)
        => value is null ? type.IsNullable : value.GetType() == type.ValueClrType;

    /// <summary>The row key of a key column's value as the store keys it: int keys as long, so both find one row.</summary>
    public static object? EntityKey(IArrowArray keys, int row)
        => ArrowValues.Get(keys, row) switch
        {
            int i => (long)i,
            var other => other,
        };

    /// <summary>A value given as a query input or read from the store, as an entity key.</summary>
    public static object? EntityKey(object? value) => value is int i ? (long)i : value;
}
