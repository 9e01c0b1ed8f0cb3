using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;

namespace Chalk.Execution.Arrow;

/// <summary>Which source column types fill which feature types (lossless widening, decimal and integer to double, and
/// 64-bit to 32-bit integers whose values are checked to fit).</summary>
internal static class ArrowConversion
{
    public static bool CanConvert(IArrowType from, ScalarKind to) => (to, from.TypeId) switch
    {
        (_, ArrowTypeId.Null) => true,
        (ScalarKind.Bool, ArrowTypeId.Boolean) => true,
        (ScalarKind.Int32, ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.UInt8 or ArrowTypeId.UInt16) => true,
        // SQLite and BigQuery have only 64-bit integers: accepted, with every value checked to fit (see NarrowingCheck).
        (ScalarKind.Int32, ArrowTypeId.Int64 or ArrowTypeId.UInt32) => true,
        (ScalarKind.Int64, ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
            or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32) => true,
        (ScalarKind.Float32, ArrowTypeId.Float or ArrowTypeId.HalfFloat) => true,
        (ScalarKind.Float64, ArrowTypeId.Float or ArrowTypeId.Double or ArrowTypeId.HalfFloat or ArrowTypeId.Decimal128
            or ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
            or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32) => true,
        (ScalarKind.String, ArrowTypeId.String or ArrowTypeId.LargeString or ArrowTypeId.StringView) => true,
        (ScalarKind.DateTime, ArrowTypeId.Timestamp) => string.IsNullOrEmpty(((TimestampType)from).Timezone),
        (ScalarKind.DateTime, ArrowTypeId.Date32 or ArrowTypeId.Date64) => true,
        (ScalarKind.DateTimeOffset, ArrowTypeId.Timestamp) => true,
        _ => false,
    };

    /// <summary>A readable name of an Arrow type for messages, e.g. <c>utf8</c>, <c>timestamp[us, UTC]</c>.</summary>
    public static string Describe(IArrowType type) => type switch
    {
        TimestampType t => $"timestamp[{t.Unit}{(string.IsNullOrEmpty(t.Timezone) ? "" : ", " + t.Timezone)}]",
        Decimal128Type d => $"decimal({d.Precision},{d.Scale})",
        _ => type.Name,
    };

    /// <summary>The first picked value of a 64-bit integer column that does not fit a 32-bit feature, or null.</summary>
    public static long? FirstOutOfInt32Range(IArrowArray source, ReadOnlySpan<int> rows)
    {
        switch (source)
        {
            case Int64Array l:
                foreach (var r in rows)
                {
                    if (r >= 0 && l.IsValid(r) && (l.Values[r] < int.MinValue || l.Values[r] > int.MaxValue)) return l.Values[r];
                }
                return null;
            case UInt32Array u:
                foreach (var r in rows)
                {
                    if (r >= 0 && u.IsValid(r) && u.Values[r] > int.MaxValue) return u.Values[r];
                }
                return null;
            default:
                return null;
        }
    }
}
