using System.Text;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Tests.Expressions.Arrow;

/// <summary>One column type the engine maps, with random values of it (nulls, extremes, time stamps before 1970 with a
/// sub-microsecond part, offsets), and what each value must read back as.</summary>
/// <param name="Name">The case's name.</param>
/// <param name="Feature">The feature type whose column this is, if a feature can have it.</param>
/// <param name="Expr">The IR type whose column this is, if the IR has it.</param>
/// <param name="Arrow">The Arrow type of the column.</param>
/// <param name="Next">A random non-null value.</param>
/// <param name="Extremes">Values every run includes.</param>
/// <param name="Expected">What <see cref="ArrowValues.Get"/> must return for a value, worked out without the engine's conversions.</param>
public sealed record ColumnValues(string Name, FeatureType? Feature, ExprType? Expr, IArrowType Arrow,
    Func<Random, object> Next, object[] Extremes, Func<object, object> Expected)
{
    private const string Letters = "aZ09 ßé☃\0\t";
    private static readonly string[] s_astral = ["😀", "𝄞", "🧊"];

    public override string ToString() => Name;

    /// <summary>Extremes first, then random values, a null about every fifth row; <paramref name="rows"/> 0 is the empty column.</summary>
    public object?[] Values(int rows, int seed)
    {
        var rng = new Random(seed);
        var values = new object?[rows];
        for (int i = 0; i < rows; i++)
            values[i] = i < Extremes.Length ? Extremes[i] : rng.Next(5) == 0 ? null : Next(rng);
        return values;
    }

    /// <summary>Every column type the engine maps.</summary>
    public static IEnumerable<ColumnValues> All()
    {
        yield return new("bool", new(ScalarKind.Bool, true), ExprType.Bool, BooleanType.Default, r => r.Next(2) == 0, [true, false], v => v);
        yield return new("int32", new(ScalarKind.Int32, true), ExprType.Int32, Int32Type.Default, r => r.Next() - r.Next(),
            [int.MinValue, int.MaxValue, 0, -1], v => v);
        yield return new("int64", new(ScalarKind.Int64, true), ExprType.Int64, Int64Type.Default, r => r.NextInt64(long.MinValue, long.MaxValue),
            [long.MinValue, long.MaxValue, 0L, -1L], v => v);
        yield return new("float32", new(ScalarKind.Float32, true), ExprType.Float32, FloatType.Default, r => (r.NextSingle() - 0.5f) * MathF.Pow(10, r.Next(-30, 30)),
            [float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -0f, float.MaxValue, float.MinValue], v => v);
        yield return new("float64", new(ScalarKind.Float64, true), ExprType.Float64, DoubleType.Default, r => (r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-300, 300)),
            [double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -0d, double.MaxValue, double.MinValue], v => v);
        yield return new("utf8", new(ScalarKind.String, true), ExprType.Utf8, StringType.Default, NextString,
            ["", "\0", "a\0😀", "İstanbul straße"], v => v);
        yield return new("DateTime", new(ScalarKind.DateTime, true), ExprType.Timestamp, new TimestampType(TimeUnit.Microsecond, (string?)null), NextDateTime,
            [DateTime.UnixEpoch.AddTicks(-1), new DateTime(1969, 12, 31, 23, 59, 59).AddTicks(-3), new DateTime(1900, 6, 1, 12, 0, 0).AddTicks(7),
             DateTime.MinValue, DateTime.MaxValue, new DateTime(1950, 1, 1, 0, 0, 0, DateTimeKind.Local).AddTicks(-5), new DateTime(1960, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(9)],
            v => FlooredUtc(((DateTime)v).Ticks));
        yield return new("DateTimeOffset", new(ScalarKind.DateTimeOffset, true), null, new TimestampType(TimeUnit.Microsecond, "UTC"), NextDateTimeOffset,
            [new DateTimeOffset(1969, 12, 31, 23, 0, 0, TimeSpan.FromHours(5)).AddTicks(-3), new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(-570)).AddTicks(4),
             DateTimeOffset.MinValue, DateTimeOffset.MaxValue],
            v => FlooredUtc(((DateTimeOffset)v).UtcTicks));
        yield return new("duration", null, ExprType.Duration, DurationType.Microsecond, r => TimeSpan.FromTicks(r.NextInt64(-TimeSpan.TicksPerDay * 40_000, TimeSpan.TicksPerDay * 40_000)),
            [TimeSpan.FromTicks(-15), TimeSpan.FromTicks(15), TimeSpan.Zero, TimeSpan.FromTicks(long.MinValue / 10 * 10)],
            v => TimeSpan.FromTicks(((TimeSpan)v).Ticks / 10 * 10));
    }

    // Floors by decimal arithmetic, not the engine's integer helpers: the oracle must not share the code under test.
    private static DateTime FlooredUtc(long ticks)
    {
        decimal sinceEpoch = ticks - DateTime.UnixEpoch.Ticks;
        long micros = (long)decimal.Floor(sinceEpoch / TimeSpan.TicksPerMicrosecond);
        return new DateTime(DateTime.UnixEpoch.Ticks + micros * TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
    }

    private static string NextString(Random rng)
    {
        var sb = new StringBuilder();
        int length = rng.Next(12);
        for (int i = 0; i < length; i++)
        {
            if (rng.Next(6) == 0) sb.Append(s_astral[rng.Next(s_astral.Length)]);
            else sb.Append(Letters[rng.Next(Letters.Length)]);
        }
        return sb.ToString();
    }

    // Mostly before 1970, with any tick (sub-microsecond parts included), of every kind.
    private static object NextDateTime(Random rng)
    {
        long ticks = rng.NextInt64(new DateTime(1600, 1, 1).Ticks, new DateTime(2100, 1, 1).Ticks);
        if (rng.Next(2) == 0) ticks = rng.NextInt64(new DateTime(1960, 1, 1).Ticks, DateTime.UnixEpoch.Ticks);
        return new DateTime(ticks, (DateTimeKind)rng.Next(3));
    }

    private static object NextDateTimeOffset(Random rng)
    {
        var utc = (DateTime)NextDateTime(rng);
        return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), TimeSpan.FromMinutes(rng.Next(-14 * 60, 14 * 60 + 1)));
    }
}
