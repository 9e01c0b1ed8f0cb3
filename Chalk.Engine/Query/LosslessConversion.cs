namespace Chalk;

/// <summary>The conversions <see cref="OnlineResult.Get{T}"/> makes: only those that cannot change the value.</summary>
/// <remarks>
/// A feature's value is read as its own type (<c>bool</c>, <c>int</c>, <c>long</c>, <c>float</c>, <c>double</c>,
/// <c>string</c>, <c>DateTime</c>, <c>DateTimeOffset</c>), the nullable form of it, or <c>object</c>. Besides:
/// <list type="table">
/// <item><term>int → long, int → double, float → double</term><description>always (every value has an exact image).</description></item>
/// <item><term>long → double, int → float</term><description>only when the value is exactly representable (at most 2^53
/// or 2^24 in magnitude, or otherwise exact); other values throw, so read them as the feature's own type.</description></item>
/// </list>
/// Every other pair throws, even when this row's value happens to fit (a double 2.0 read as int, a long 7 read as int,
/// a DateTime read as DateTimeOffset): whether a read works must not depend on the data.
/// </remarks>
internal static class LosslessConversion
{
    /// <summary><paramref name="value"/> (not null) as <paramref name="target"/> (not a nullable type), or an <see cref="InvalidCastException"/>.</summary>
    public static object Convert(string feature, object value, Type target, Type requested)
    {
        object? converted = (value, Type.GetTypeCode(target)) switch
        {
            (int i, TypeCode.Int64) => (long)i,
            (int i, TypeCode.Double) => (double)i,
            (int i, TypeCode.Single) when ExactAsFloat(i) => (float)i,
            (long l, TypeCode.Double) when ExactAsDouble(l) => (double)l,
            (float f, TypeCode.Double) => (double)f,
            _ => null,
        };
        if (converted is not null && target.IsPrimitive) return converted;
        throw new InvalidCastException(Message(feature, value, requested));
    }

    // The range check comes first because casting 2^63 (or 2^31) back is out of range, and saturates to the maximum.
    internal static bool ExactAsDouble(long l) => (double)l < 9223372036854775808.0 && (long)(double)l == l;

    private static bool ExactAsFloat(int i) => (float)i < 2147483648f && (int)(float)i == i;

    private static string Message(string feature, object value, Type requested)
    {
        var stored = Name(value.GetType());
        bool lossyValue = (value, Type.GetTypeCode(Nullable.GetUnderlyingType(requested) ?? requested)) is (long, TypeCode.Double) or (int, TypeCode.Single);
        return lossyValue
            ? $"{feature} is the {stored} {value}, which {Name(requested)} cannot hold exactly; read it as Get<{stored}>(\"{feature}\")"
            : $"{feature} is a {stored}, and reading it as {Name(requested)} could lose information; read it as Get<{stored}>(\"{feature}\") and convert it yourself";
    }

    /// <summary>The C# name of a type: <c>int</c>, <c>long?</c>, <c>DateTimeOffset</c>.</summary>
    public static string Name(Type type) => Definitions.ClrTypeNames.Of(type);
}
