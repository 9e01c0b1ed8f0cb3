using System.Reflection;
using Apache.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Lifting;

/// <summary>Seeded random input batches for a method's parameters, heavy on edge values.</summary>
internal static class RandomBatches
{
    private static readonly double[] s_doubles = [0.0, -0.0, 1.0, -1.0, 0.5, 2.0, 3.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MinValue, double.MaxValue, double.Epsilon, 1e-300, 1e300, 1000.0, 2147483647.5, -2147483648.5, 2147483648.0, -2147483649.0, 9.2233720368547758E18];
    private static readonly int[] s_ints = [0, 1, -1, 2, 3, 4, 5, 9, 10, 15, 20, 30, 100, 1000, 1001, int.MinValue, int.MaxValue, int.MinValue + 1, int.MaxValue - 1];
    private static readonly long[] s_longs = [0, 1, -1, 10, 100, 1000, long.MinValue, long.MaxValue, int.MaxValue, (long)int.MaxValue + 1, int.MinValue, (long)int.MinValue - 1, 3037000500];
    private static readonly string[] s_strings = ["", " ", "a", "bb", "ccc", "x", "ab", "AB", "abc", "Hello World", "  padded  ", "Gold", "old", "ÄÖü straße", "日本語テキスト", "emoji 😀 ok", "\t\n", "item-", "none", "LD", "abAB", "\0", "a\0b", "😀😀", "xß\0😀"];
    private static readonly DateTime s_minDate = new(1900, 1, 1);

    public static RecordBatch For(MethodInfo method, int rows, int seed)
    {
        var rng = new Random(seed);
        var fields = new List<Field>();
        var arrays = new List<IArrowArray>();
        foreach (var p in method.GetParameters())
        {
            var t = p.ParameterType;
            var u = Nullable.GetUnderlyingType(t);
            bool nullable = u is not null || t == typeof(string);
            var clr = u ?? t;
            ExprType et = clr == typeof(bool) ? ExprType.Bool
                : clr == typeof(int) ? ExprType.Int32
                : clr == typeof(long) ? ExprType.Int64
                : clr == typeof(float) ? ExprType.Float32
                : clr == typeof(double) ? ExprType.Float64
                : clr == typeof(string) ? ExprType.Utf8
                : clr == typeof(DateTime) ? ExprType.Timestamp
                : clr == typeof(TimeSpan) ? ExprType.Duration
                : throw new ArgumentException($"no generator for {t}");
            var values = new object?[rows];
            for (int i = 0; i < rows; i++)
            {
                values[i] = nullable && rng.Next(5) == 0 ? null : Next(rng, et);
            }
            fields.Add(new Field(p.Name!, et.ToArrow(), nullable));
            arrays.Add(ArrowValues.BuildArray(et, values));
        }
        return new RecordBatch(new Schema(fields, null), arrays, rows);
    }

    private static object Next(Random rng, ExprType t)
    {
        bool edge = rng.Next(3) == 0;
        return t switch
        {
            ExprType.Bool => rng.Next(2) == 0,
            ExprType.Int32 => edge ? s_ints[rng.Next(s_ints.Length)] : rng.Next(-50, 50) * (rng.Next(4) == 0 ? 1000 : 1),
            ExprType.Int64 => edge ? s_longs[rng.Next(s_longs.Length)] : rng.NextInt64(-5000, 5000),
            ExprType.Float32 => edge ? (float)s_doubles[rng.Next(s_doubles.Length)] : (float)(rng.NextDouble() * 200 - 100),
            ExprType.Float64 => edge ? s_doubles[rng.Next(s_doubles.Length)] : Math.Round(rng.NextDouble() * 2000 - 1000, rng.Next(4)),
            ExprType.Utf8 => edge ? s_strings[rng.Next(s_strings.Length)] : RandomString(rng),
            ExprType.Timestamp => edge && rng.Next(2) == 0 ? new DateTime(2020, 1, 1).AddDays(rng.Next(-3, 3))
                : s_minDate.AddTicks(rng.NextInt64(0, TimeSpan.TicksPerDay * 365 * 200) / 10 * 10),
            ExprType.Duration => TimeSpan.FromTicks(rng.NextInt64(-TimeSpan.TicksPerDay * 100, TimeSpan.TicksPerDay * 100) / 10 * 10 * (edge ? 0 : 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(t)),
        };
    }

    private static string RandomString(Random rng)
    {
        const string alphabet = "abcxyzABLD -_éß日😀\0";
        int n = rng.Next(0, 8);
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < n; i++)
        {
            char c = alphabet[rng.Next(alphabet.Length)];
            if (char.IsHighSurrogate(c)) { sb.Append("😀"); continue; }
            if (char.IsLowSurrogate(c)) continue;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
