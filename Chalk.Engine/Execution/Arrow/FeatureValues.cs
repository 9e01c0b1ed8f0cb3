using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Execution.Arrow;

/// <summary>Reads any supported Arrow slot as the CLR value of a feature type, converting as <see cref="ArrowConversion"/> allows.</summary>
internal static class FeatureValues
{
    public static object? Get(IArrowArray array, int index, ScalarKind kind)
    {
        if (array.IsNull(index)) return null;
        switch (kind)
        {
            case ScalarKind.Bool: return ((BooleanArray)array).GetValue(index)!.Value;
            case ScalarKind.String: return GetString(array, index);
            case ScalarKind.Int32 when array is Int32Array i: return i.Values[index];
            case ScalarKind.Int32: return Convert.ToInt32(ArrowValues.Get(array, index), System.Globalization.CultureInfo.InvariantCulture);
            case ScalarKind.Int64 when array is Int64Array l: return l.Values[index];
            case ScalarKind.Int64: return Convert.ToInt64(ArrowValues.Get(array, index), System.Globalization.CultureInfo.InvariantCulture);
            case ScalarKind.Float32: return array is FloatArray f ? f.Values[index] : (float)((HalfFloatArray)array).GetValue(index)!.Value;
            case ScalarKind.Float64: return GetDouble(array, index);
            case ScalarKind.DateTime: return GetDateTime(array, index);
            default:
                var utc = GetDateTime(array, index);
                return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        }
    }

    private static string GetString(IArrowArray array, int index) => array switch
    {
        StringArray s => s.GetString(index),
        LargeStringArray l => l.GetString(index),
        StringViewArray v => v.GetString(index),
        _ => throw new InvalidCastException($"{array.Data.DataType.Name} is not a string column"),
    };

    private static double GetDouble(IArrowArray array, int index) => array switch
    {
        DoubleArray d => d.Values[index],
        FloatArray f => f.Values[index],
        Decimal128Array m => (double)m.GetValue(index)!.Value,
        HalfFloatArray h => (double)h.GetValue(index)!.Value,
        _ => Convert.ToDouble(ArrowValues.Get(array, index), System.Globalization.CultureInfo.InvariantCulture),
    };

    private static DateTime GetDateTime(IArrowArray array, int index) => array switch
    {
        TimestampArray or Date32Array => DateTime.SpecifyKind((DateTime)ArrowValues.Get(array, index)!, DateTimeKind.Unspecified),
        Date64Array d => d.GetDateTime(index)!.Value,
        _ => throw new InvalidCastException($"{array.Data.DataType.Name} is not a timestamp column"),
    };
}
