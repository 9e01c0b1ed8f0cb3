using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.HasMany;

/// <summary><see cref="ArrowTake"/> against the boxed path (<see cref="ArrowGather.Boxed"/>): same values, nulls and types,
/// over sliced sources, null picks and every column pair a fetch returns.</summary>
public class ArrowTakeTests
{
    /// <summary>A source column's Arrow form and the feature type it is gathered to; the column is built from a random source and a null test.</summary>
    public sealed record Case(string Name, FeatureType Type, Func<Random, int, Func<bool>, IArrowArray> Column)
    {
        public override string ToString() => Name;
    }

    private static readonly Case[] Cases =
    [
        new("double", new(ScalarKind.Float64, true), (rnd, n, isNull) =>
        {
            var b = new DoubleArray.Builder();
            for (int i = 0; i < n; i++) { if (isNull()) b.AppendNull(); else b.Append(rnd.Next(5) == 0 ? double.NaN : rnd.NextDouble()); }
            return b.Build();
        }),
        new("long", new(ScalarKind.Int64, true), (rnd, n, isNull) => Longs(rnd, n, isNull)),
        new("int", new(ScalarKind.Int32, true), (rnd, n, isNull) => Ints(rnd, n, isNull)),
        new("int to long", new(ScalarKind.Int64, true), (rnd, n, isNull) => Ints(rnd, n, isNull)),
        new("float", new(ScalarKind.Float32, true), (rnd, n, isNull) =>
        {
            var b = new FloatArray.Builder();
            for (int i = 0; i < n; i++) { if (isNull()) b.AppendNull(); else b.Append((float)rnd.NextDouble()); }
            return b.Build();
        }),
        new("DateTime", new(ScalarKind.DateTime, true), (rnd, n, isNull) => Times(rnd, n, isNull, null)),
        new("zoned to DateTimeOffset", new(ScalarKind.DateTimeOffset, true), (rnd, n, isNull) => Times(rnd, n, isNull, "UTC")),
        new("unzoned to DateTimeOffset", new(ScalarKind.DateTimeOffset, true), (rnd, n, isNull) => Times(rnd, n, isNull, null)),
        new("zoned to DateTime", new(ScalarKind.DateTime, true), (rnd, n, isNull) => Times(rnd, n, isNull, "UTC")),
        new("string", new(ScalarKind.String, true), (rnd, n, isNull) =>
        {
            var b = new StringArray.Builder();
            for (int i = 0; i < n; i++) { if (isNull()) b.AppendNull(); else b.Append(rnd.Next(3) == 0 ? "" : "é\U0001F600" + rnd.Next()); }
            return b.Build();
        }),
        // Runs of 0 to 45 bytes: either side of the 16-byte copy of short strings, near the end of the source too.
        new("string of any length", new(ScalarKind.String, true), (rnd, n, isNull) =>
        {
            var b = new StringArray.Builder();
            for (int i = 0; i < n; i++) { if (isNull()) b.AppendNull(); else b.Append(new string('k', rnd.Next(40)) + (char)('a' + rnd.Next(26)) + "ø😀"[..rnd.Next(1, 4)]); }
            return b.Build();
        }),
        new("bool", new(ScalarKind.Bool, true), (rnd, n, isNull) =>
        {
            var b = new BooleanArray.Builder();
            for (int i = 0; i < n; i++) { if (isNull()) b.AppendNull(); else b.Append(rnd.Next(2) == 0); }
            return b.Build();
        }),
        new("long to double (converted)", new(ScalarKind.Float64, true), (rnd, n, isNull) => Longs(rnd, n, isNull)),
    ];

    private static readonly int[] Sizes = [0, 1, 7, 8, 9, 63, 64, 65, 700];

    /// <summary>Null density of the source: none, about one in four, or all.</summary>
    public enum Nulls { None, Some, All }

    [Test]
    public void Taken_columns_equal_the_gathered_ones([ValueSource(nameof(Cases))] Case c, [ValueSource(nameof(Sizes))] int rows,
        [Values(0, 3, 13)] int offset, [Values] Nulls nulls)
    {
        var rnd = new Random(rows * 31 + offset * 3 + (int)nulls * 7 + c.Name.Length);
        int n = Math.Max(rows / 2, 1);
        var full = c.Column(rnd, n + offset, () => nulls switch { Nulls.None => false, Nulls.Some => rnd.Next(4) == 0, _ => true });
        var source = ArrowArrayFactory.BuildArray(full.Data.Slice(offset, n));
        // Picks repeat, skip and reorder source rows; some are -1 (null).
        var pick = Enumerable.Range(0, rows).Select(_ => rnd.Next(6) == 0 ? -1 : rnd.Next(n)).ToArray();
        var taken = ArrowTake.Take(source, pick, c.Type);
        var gathered = ArrowGather.Boxed(source, pick, c.Type);
        Assert.Multiple(() =>
        {
            Assert.That(taken.Data.DataType.TypeId, Is.EqualTo(gathered.Data.DataType.TypeId));
            Assert.That(taken.Data.DataType.Name, Is.EqualTo(gathered.Data.DataType.Name));
            Assert.That((taken.Data.DataType as TimestampType)?.Timezone, Is.EqualTo((gathered.Data.DataType as TimestampType)?.Timezone));
            Assert.That(taken.Length, Is.EqualTo(rows));
            Assert.That(taken.NullCount, Is.EqualTo(gathered.NullCount));
        });
        for (int r = 0; r < rows; r++)
        {
            Assert.That(taken.IsNull(r), Is.EqualTo(gathered.IsNull(r)), $"null at row {r}");
            Assert.That(ArrowValues.Get(taken, r), Is.EqualTo(ArrowValues.Get(gathered, r)), $"row {r}");
        }
    }

    private static Int64Array Longs(Random rnd, int n, Func<bool> isNull)
    {
        var b = new Int64Array.Builder();
        for (int i = 0; i < n; i++) { if (isNull()) b.AppendNull(); else b.Append(rnd.NextInt64()); }
        return b.Build();
    }

    private static Int32Array Ints(Random rnd, int n, Func<bool> isNull)
    {
        var b = new Int32Array.Builder();
        for (int i = 0; i < n; i++) { if (isNull()) b.AppendNull(); else b.Append(rnd.Next(int.MinValue, int.MaxValue)); }
        return b.Build();
    }

    private static TimestampArray Times(Random rnd, int n, Func<bool> isNull, string? zone)
    {
        var b = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, zone));
        for (int i = 0; i < n; i++) { if (isNull()) b.AppendNull(); else b.Append(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(rnd.NextInt64(0, 1L << 50) * 10)); }
        return b.Build();
    }
}
