using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Lifting;

/// <summary>Random feature columns for differential checks: edge values (NaN, ±∞, MinValue, empty and non-ASCII strings) and nulls.</summary>
internal static class RandomFeatureBatch
{
    private static readonly string[] s_strings = ["", " ", "a", "ABC", "héllo wörld", "日本語", "x@y.z", "  padded  ", "@", "purchase", "🙂 emoji"];

    /// <param name="type">The feature type.</param>
    /// <param name="rows">How many values.</param>
    /// <param name="random">The generator.</param>
    /// <param name="missingRows">Whether a non-nullable feature may be null (a row a lookup did not find); false for child rows, which exist.</param>
    public static IArrowArray Column(FeatureType type, int rows, Random random, bool missingRows = true)
    {
        var builder = ArrowColumnBuilder.For(type.ArrowType, rows);
        for (int i = 0; i < rows; i++)
        {
            // Non-nullable features can still be null when a lookup finds no row; both paths must skip those rows alike.
            bool isNull = random.NextDouble() < (type.IsNullable ? 0.15 : missingRows ? 0.03 : 0);
            builder.Append(isNull ? null : Value(type.Kind, random));
        }
        return builder.Build();
    }

    private static object Value(ScalarKind kind, Random random) => kind switch
    {
        ScalarKind.Bool => random.Next(2) == 0,
        ScalarKind.Int32 => Pick(random, [0, 1, -1, 3, 4, 5, int.MinValue, int.MaxValue], () => random.Next(-1000, 1000)),
        ScalarKind.Int64 => Pick(random, [0L, 1L, -1L, long.MinValue, long.MaxValue], () => random.NextInt64(-100_000, 100_000)),
        ScalarKind.Float32 => Pick(random, [0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, 0.5f], () => (float)(random.NextDouble() * 2000 - 1000)),
        ScalarKind.Float64 => Pick(random, [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, 0.5, 2.5, 4.5], () => random.NextDouble() * 2000 - 1000),
        ScalarKind.String => random.Next(3) == 0 ? s_strings[random.Next(s_strings.Length)] : RandomText(random),
        ScalarKind.DateTime => new DateTime(1970, 1, 1).AddTicks(random.NextInt64(0, 130L * 365 * TimeSpan.TicksPerDay) / 10 * 10),
        _ => new DateTimeOffset(new DateTime(1970, 1, 1).AddTicks(random.NextInt64(0, 130L * 365 * TimeSpan.TicksPerDay) / 10 * 10), TimeSpan.Zero),
    };

    private static T Pick<T>(Random random, T[] edges, Func<T> other) => random.Next(4) == 0 ? edges[random.Next(edges.Length)] : other();

    private static string RandomText(Random random)
    {
        var chars = new char[random.Next(0, 16)];
        for (int i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(32, 127);
        return new string(chars);
    }
}
