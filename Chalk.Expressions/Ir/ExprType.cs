using Apache.Arrow.Types;

namespace Chalk.Expressions;

/// <summary>The scalar kinds of the expression IR; each maps one-to-one to an Arrow type.</summary>
/// <remarks>
/// Timestamps are microseconds since the Unix epoch without a time zone (Arrow
/// <c>timestamp[us]</c>, CLR <see cref="DateTime"/>); durations are microseconds (Arrow
/// <c>duration[us]</c>, CLR <see cref="TimeSpan"/>).
/// </remarks>
public enum ExprType
{
    /// <summary>A boolean (Arrow <c>bool</c>, CLR <see cref="bool"/>).</summary>
    Bool,
    /// <summary>A 32-bit integer (Arrow <c>int32</c>, CLR <see cref="int"/>).</summary>
    Int32,
    /// <summary>A 64-bit integer (Arrow <c>int64</c>, CLR <see cref="long"/>).</summary>
    Int64,
    /// <summary>A single-precision float (Arrow <c>float</c>, CLR <see cref="float"/>).</summary>
    Float32,
    /// <summary>A double-precision float (Arrow <c>double</c>, CLR <see cref="double"/>).</summary>
    Float64,
    /// <summary>A UTF-8 string (Arrow <c>utf8</c>, CLR <see cref="string"/>).</summary>
    Utf8,
    /// <summary>A time stamp in microseconds without zone (Arrow <c>timestamp[us]</c>, CLR <see cref="DateTime"/>).</summary>
    Timestamp,
    /// <summary>A duration in microseconds (Arrow <c>duration[us]</c>, CLR <see cref="TimeSpan"/>).</summary>
    Duration,
}

/// <summary>Helpers that map <see cref="ExprType"/> to names, CLR types and Arrow types.</summary>
public static class ExprTypes
{
    /// <summary>The lower-case name used by the printer and in error messages, e.g. <c>float64</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    public static string Name(this ExprType type) => type switch
    {
        ExprType.Bool => "bool",
        ExprType.Int32 => "int32",
        ExprType.Int64 => "int64",
        ExprType.Float32 => "float32",
        ExprType.Float64 => "float64",
        ExprType.Utf8 => "utf8",
        ExprType.Timestamp => "timestamp",
        ExprType.Duration => "duration",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>True for the four numeric types.</summary>
    /// <param name="type">The type.</param>
    /// <returns>Whether the type is int32, int64, float32 or float64.</returns>
    public static bool IsNumeric(this ExprType type) => type is ExprType.Int32 or ExprType.Int64 or ExprType.Float32 or ExprType.Float64;

    /// <summary>True for int32 and int64.</summary>
    /// <param name="type">The type.</param>
    /// <returns>Whether the type is an integer type.</returns>
    public static bool IsInteger(this ExprType type) => type is ExprType.Int32 or ExprType.Int64;

    /// <summary>True for float32 and float64.</summary>
    /// <param name="type">The type.</param>
    /// <returns>Whether the type is a floating-point type.</returns>
    public static bool IsFloat(this ExprType type) => type is ExprType.Float32 or ExprType.Float64;

    /// <summary>The CLR type of a non-null value of this kind.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The CLR type.</returns>
    public static Type ClrType(this ExprType type) => type switch
    {
        ExprType.Bool => typeof(bool),
        ExprType.Int32 => typeof(int),
        ExprType.Int64 => typeof(long),
        ExprType.Float32 => typeof(float),
        ExprType.Float64 => typeof(double),
        ExprType.Utf8 => typeof(string),
        ExprType.Timestamp => typeof(DateTime),
        ExprType.Duration => typeof(TimeSpan),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The Arrow type this kind maps to.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The Arrow data type.</returns>
    public static IArrowType ToArrow(this ExprType type) => type switch
    {
        ExprType.Bool => BooleanType.Default,
        ExprType.Int32 => Int32Type.Default,
        ExprType.Int64 => Int64Type.Default,
        ExprType.Float32 => FloatType.Default,
        ExprType.Float64 => DoubleType.Default,
        ExprType.Utf8 => StringType.Default,
        ExprType.Timestamp => new TimestampType(TimeUnit.Microsecond, (string?)null),
        ExprType.Duration => DurationType.Microsecond,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Maps an Arrow type to its IR kind.</summary>
    /// <param name="arrowType">The Arrow type.</param>
    /// <returns>The IR type.</returns>
    /// <exception cref="ArgumentException">The Arrow type has no IR kind (including timestamps with a zone or a unit other than microseconds).</exception>
    public static ExprType FromArrow(IArrowType arrowType) => TryFromArrow(arrowType, out var t)
        ? t
        : throw new ArgumentException($"Arrow type {arrowType.Name} has no expression type; supported: bool, int32, int64, float, double, utf8, timestamp[us] without zone, duration[us].", nameof(arrowType));

    /// <summary>Maps an Arrow type to its IR kind if it has one.</summary>
    /// <param name="arrowType">The Arrow type.</param>
    /// <param name="type">The IR type when the result is true.</param>
    /// <returns>Whether a mapping exists.</returns>
    public static bool TryFromArrow(IArrowType arrowType, out ExprType type)
    {
        switch (arrowType)
        {
            case BooleanType: type = ExprType.Bool; return true;
            case Int32Type: type = ExprType.Int32; return true;
            case Int64Type: type = ExprType.Int64; return true;
            case FloatType: type = ExprType.Float32; return true;
            case DoubleType: type = ExprType.Float64; return true;
            case StringType: type = ExprType.Utf8; return true;
            case TimestampType ts when ts.Unit == TimeUnit.Microsecond && string.IsNullOrEmpty(ts.Timezone): type = ExprType.Timestamp; return true;
            case DurationType d when d.Unit == TimeUnit.Microsecond: type = ExprType.Duration; return true;
            default: type = default; return false;
        }
    }
}
