using Apache.Arrow.Types;

namespace Chalk.Definitions;

/// <summary>The scalar kinds a feature can have, each mapped to one Arrow type.</summary>
public enum ScalarKind
{
    /// <summary><see cref="bool"/> ↔ Arrow boolean.</summary>
    Bool,
    /// <summary><see cref="int"/> ↔ Arrow int32.</summary>
    Int32,
    /// <summary><see cref="long"/> ↔ Arrow int64.</summary>
    Int64,
    /// <summary><see cref="float"/> ↔ Arrow float32.</summary>
    Float32,
    /// <summary><see cref="double"/> ↔ Arrow float64.</summary>
    Float64,
    /// <summary><see cref="string"/> ↔ Arrow utf8.</summary>
    String,
    /// <summary><see cref="DateTime"/> ↔ Arrow timestamp, microseconds, no time zone.</summary>
    DateTime,
    /// <summary><see cref="DateTimeOffset"/> ↔ Arrow timestamp, microseconds, UTC.</summary>
    DateTimeOffset,
}

/// <summary>A feature's value type: its scalar kind, whether it may be null, its CLR and Arrow types.</summary>
public sealed record FeatureType(ScalarKind Kind, bool IsNullable)
{
    /// <summary>The Arrow type of the feature's column.</summary>
    public IArrowType ArrowType => Kind switch
    {
        ScalarKind.Bool => BooleanType.Default,
        ScalarKind.Int32 => Int32Type.Default,
        ScalarKind.Int64 => Int64Type.Default,
        ScalarKind.Float32 => FloatType.Default,
        ScalarKind.Float64 => DoubleType.Default,
        ScalarKind.String => StringType.Default,
        ScalarKind.DateTime => new TimestampType(TimeUnit.Microsecond, (string?)null),
        _ => new TimestampType(TimeUnit.Microsecond, "UTC"),
    };

    /// <summary>The CLR type of a value (without <see cref="Nullable{T}"/>).</summary>
    public Type ValueClrType => Kind switch
    {
        ScalarKind.Bool => typeof(bool),
        ScalarKind.Int32 => typeof(int),
        ScalarKind.Int64 => typeof(long),
        ScalarKind.Float32 => typeof(float),
        ScalarKind.Float64 => typeof(double),
        ScalarKind.String => typeof(string),
        ScalarKind.DateTime => typeof(DateTime),
        _ => typeof(DateTimeOffset),
    };

    /// <summary>The type as C# writes it, e.g. <c>double?</c>.</summary>
    public override string ToString() => Kind switch
    {
        ScalarKind.Bool => "bool",
        ScalarKind.Int32 => "int",
        ScalarKind.Int64 => "long",
        ScalarKind.Float32 => "float",
        ScalarKind.Float64 => "double",
        ScalarKind.String => "string",
        ScalarKind.DateTime => "DateTime",
        _ => "DateTimeOffset",
    } + (IsNullable ? "?" : "");

    /// <summary>The feature type of a CLR type, or null when the type is not a supported scalar.</summary>
    /// <param name="clr">The property or parameter type.</param>
    /// <param name="referenceIsNullable">For <see cref="string"/>: whether the reference is annotated nullable.</param>
    public static FeatureType? FromClr(Type clr, bool referenceIsNullable = true)
    {
        var underlying = Nullable.GetUnderlyingType(clr);
        bool nullable = underlying is not null;
        var t = underlying ?? clr;
        ScalarKind? kind = t == typeof(bool) ? ScalarKind.Bool
            : t == typeof(int) ? ScalarKind.Int32
            : t == typeof(long) ? ScalarKind.Int64
            : t == typeof(float) ? ScalarKind.Float32
            : t == typeof(double) ? ScalarKind.Float64
            : t == typeof(string) ? ScalarKind.String
            : t == typeof(DateTime) ? ScalarKind.DateTime
            : t == typeof(DateTimeOffset) ? ScalarKind.DateTimeOffset
            : null;
        if (kind is null) return null;
        if (kind == ScalarKind.String) nullable = referenceIsNullable;
        return new FeatureType(kind.Value, nullable);
    }

    /// <summary>The supported CLR types, for error messages.</summary>
    public const string Supported = "bool, int, long, float, double, string, DateTime, DateTimeOffset and their nullable forms";
}
