using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>Random inputs with edge values, Arrow batches with a validity mode, and result comparison.</summary>
internal static class TestData
{
    public enum Validity { NoNulls, AllNulls, Mixed }

    private static readonly int[] s_ints = [0, 1, -1, 2, -2, 7, -7, int.MinValue, int.MaxValue, int.MinValue + 1, 1000, 15, 16, 3];
    private static readonly long[] s_longs = [0, 1, -1, 2, -2, 7, -7, long.MinValue, long.MaxValue, int.MinValue, int.MaxValue, 1L << 40, 3];
    private static readonly double[] s_doubles =
        [0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, -0.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
         double.MaxValue, double.MinValue, double.Epsilon, 1e20, -1e20, 3e9, -3e9, 2147483647.5, 1.005, 123.456789];
    private static readonly string[] s_strings =
        ["", "a", "A", "abc", "ABC", "b", " Hello ", "hello", "ÄÖü", "straße", "STRASSE", "😀x", "x😀", "İi", "\t \n", "ab", "bc", "abcabc", "ß", "\u00A0x\u2003", "\0", "a\0😀"];

    public static object? RandomValue(Random rng, ExprType type, string role = "") => type switch
    {
        ExprType.Bool => rng.Next(2) == 0,
        ExprType.Int32 when role == "digits" => rng.Next(-1, 17),
        ExprType.Int32 when role == "index" => rng.Next(-2, 9),
        ExprType.Int32 => rng.Next(3) == 0 ? rng.Next() - rng.Next() : s_ints[rng.Next(s_ints.Length)],
        ExprType.Int64 => rng.Next(3) == 0 ? rng.NextInt64(long.MinValue, long.MaxValue) : s_longs[rng.Next(s_longs.Length)],
        ExprType.Float32 => (float)NextDouble(rng),
        ExprType.Float64 => NextDouble(rng),
        ExprType.Utf8 => s_strings[rng.Next(s_strings.Length)],
        ExprType.Timestamp => new DateTime(1900, 1, 1).AddTicks(rng.NextInt64(0, 200L * 365 * TimeSpan.TicksPerDay) / 10 * 10),
        ExprType.Duration => TimeSpan.FromTicks(rng.NextInt64(-400L * TimeSpan.TicksPerDay, 400L * TimeSpan.TicksPerDay) / 10 * 10),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static double NextDouble(Random rng) => rng.Next(3) switch
    {
        0 => s_doubles[rng.Next(s_doubles.Length)],
        1 => (rng.NextDouble() - 0.5) * 200,
        _ => Math.Round((rng.NextDouble() - 0.5) * 20, 1),
    };

    public static IArrowArray Column(Random rng, ExprType type, int length, Validity validity, string role = "")
    {
        var values = new object?[length];
        for (int i = 0; i < length; i++)
        {
            bool isNull = validity switch { Validity.AllNulls => true, Validity.Mixed => rng.Next(10) < 3, _ => false };
            values[i] = isNull ? null : RandomValue(rng, type, role);
        }
        return ArrowValues.BuildArray(type, values);
    }

    public static RecordBatch Batch(IReadOnlyList<(string Name, IArrowArray Array)> columns)
    {
        var fields = columns.Select(c => new Field(c.Name, c.Array.Data.DataType, true));
        return new RecordBatch(new Schema(fields, null), columns.Select(c => c.Array), columns.Count == 0 ? 0 : columns[0].Array.Length);
    }

    public static RecordBatch Slice(RecordBatch batch, int offset, int length) =>
        new(batch.Schema, Enumerable.Range(0, batch.ColumnCount).Select(i => ArrowArrayFactory.Slice(batch.Column(i), offset, length)), length);

    /// <summary>Equal as the evaluators must be: bit-exact floats, except that any NaN equals any NaN.</summary>
    public static bool SameValue(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (double x, double y) => (double.IsNaN(x) && double.IsNaN(y)) || BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (float x, float y) => (float.IsNaN(x) && float.IsNaN(y)) || BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        (null, _) or (_, null) => false,
        _ => a.Equals(b),
    };

    public static string Show(object? v) => v switch
    {
        null => "null",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + (BitConverter.DoubleToInt64Bits(d) < 0 && d == 0 ? "(-0)" : ""),
        string s => "\"" + s + "\"",
        _ => v.ToString() ?? "",
    };
}
