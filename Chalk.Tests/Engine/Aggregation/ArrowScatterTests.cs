using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Expressions;

namespace Chalk.Tests.Engine.Aggregation;

/// <summary><see cref="ArrowScatter"/> against concatenate-then-gather, the path it replaces: same values, nulls and types.</summary>
public class ArrowScatterTests
{
    private static readonly FeatureType[] Types =
    [
        new(ScalarKind.Float64, true), new(ScalarKind.Int64, true), new(ScalarKind.Int32, true), new(ScalarKind.Float32, true),
        new(ScalarKind.DateTime, true), new(ScalarKind.DateTimeOffset, true), new(ScalarKind.Bool, true), new(ScalarKind.String, true),
    ];

    private static readonly int[] Sizes = [0, 1, 7, 8, 9, 63, 64, 65, 2048, 5000];

    [Test]
    public void Scattered_columns_equal_the_gathered_ones([ValueSource(nameof(Types))] FeatureType type, [ValueSource(nameof(Sizes))] int rows)
    {
        var rnd = new Random(rows * 31 + (int)type.Kind);
        // A random subset of output rows in random order, cut into batches of random sizes; some batches all null.
        var order = Enumerable.Range(0, rows).Where(_ => rnd.Next(5) > 0).OrderBy(_ => rnd.Next()).ToArray();
        var parts = new List<IArrowArray>();
        var targets = new List<Int32Array>();
        bool narrow = rnd.Next(2) == 0;
        for (int start = 0; start < order.Length;)
        {
            int n = Math.Min(order.Length - start, rnd.Next(1, 700));
            bool allNull = rnd.Next(4) == 0;
            parts.Add(Column(type, n, rnd, allNull, narrow));
            targets.Add(new Int32Array.Builder().AppendRange(order.AsSpan(start, n).ToArray()).Build());
            start += n;
        }
        var scattered = ArrowScatter.Scatter(parts, targets, rows, type);
        var pick = Enumerable.Repeat(-1, rows).ToArray();
        for (int i = 0; i < order.Length; i++) pick[order[i]] = i;
        var reference = parts.Count == 0 ? new NullArray(0) : parts.Count == 1 ? parts[0] : ArrowArrayConcatenator.Concatenate(parts);
        var gathered = ArrowGather.Boxed(reference, pick, type);
        AssertSame(scattered, gathered, rows);
    }

    [Test]
    public void An_all_null_column_has_the_type_and_no_values([ValueSource(nameof(Types))] FeatureType type, [ValueSource(nameof(Sizes))] int rows)
        => AssertSame(ArrowScatter.AllNull(type, rows), ArrowGather.Boxed(new NullArray(0), Enumerable.Repeat(-1, rows).ToArray(), type), rows);

    [Test]
    public void A_fixed_width_part_is_copied_when_added_so_its_batch_can_be_released()
    {
        var values = new byte[3 * sizeof(long)];
        new long[] { 10, 20, 30 }.AsSpan().CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(values.AsSpan()));
        var part = new Int64Array(new ArrowBuffer(values), ArrowBuffer.Empty, 3, 0, 0);
        var scatter = new ArrowScatter(4, new FeatureType(ScalarKind.Int64, true));
        Assert.That(scatter.Add(part, new Int32Array.Builder().AppendRange([3, 0, 1]).Build()), Is.True);
        values.AsSpan().Fill(0xFF);
        var built = (Int64Array)scatter.Build()!;
        Assert.That(Enumerable.Range(0, 4).Select(i => built.GetValue(i)), Is.EqualTo(new long?[] { 20, 30, null, 10 }));
    }

    [Test]
    public void A_column_that_cannot_be_scattered_keeps_its_parts_and_all_null_parts_are_not_kept()
    {
        var strings = new ArrowScatter(3, new FeatureType(ScalarKind.String, true));
        var one = new Int32Array.Builder().Append(1).Build();
        Assert.Multiple(() =>
        {
            Assert.That(strings.Add(new StringArray.Builder().AppendNull().Build(), one), Is.True);
            Assert.That(strings.Build(), Is.Null);
            Assert.That(strings.Add(new StringArray.Builder().Append("x").Build(), one), Is.False);
            Assert.That(((StringArray)strings.Build()!).GetString(1), Is.EqualTo("x"));
        });
    }

    [Test]
    public void Parts_of_different_types_are_an_internal_error()
    {
        var scatter = new ArrowScatter(2, new FeatureType(ScalarKind.Int64, true));
        scatter.Add(new Int64Array.Builder().Append(1).Build(), new Int32Array.Builder().Append(0).Build());
        Assert.Throws<ChalkInternalException>(() => scatter.Add(new Int32Array.Builder().Append(1).Build(), new Int32Array.Builder().Append(1).Build()));
    }

    [Test]
    public void A_target_outside_the_output_is_an_internal_error()
    {
        var parts = new List<IArrowArray> { new Int64Array.Builder().Append(1).Build() };
        var targets = new List<Int32Array> { new Int32Array.Builder().Append(3).Build() };
        Assert.Throws<ChalkInternalException>(() => ArrowScatter.Scatter(parts, targets, 3, new FeatureType(ScalarKind.Int64, true)));
    }

    private static void AssertSame(IArrowArray actual, IArrowArray expected, int rows)
    {
        Assert.Multiple(() =>
        {
            Assert.That(actual.Data.DataType.TypeId, Is.EqualTo(expected.Data.DataType.TypeId));
            Assert.That(actual.Data.DataType.Name, Is.EqualTo(expected.Data.DataType.Name));
            Assert.That(actual.Length, Is.EqualTo(rows));
            Assert.That(actual.NullCount, Is.EqualTo(expected.NullCount));
        });
        for (int r = 0; r < rows; r++)
            Assert.That(ArrowValues.Get(actual, r), Is.EqualTo(ArrowValues.Get(expected, r)), $"row {r}");
    }

    // What a DuckDB result holds for the type: int32 also feeds int64 features, timestamps are microseconds.
    private static IArrowArray Column(FeatureType type, int n, Random rnd, bool allNull, bool narrow)
    {
        bool Null() => allNull || rnd.Next(6) == 0;
        switch (type.Kind)
        {
            case ScalarKind.Float64:
                var d = new DoubleArray.Builder();
                for (int i = 0; i < n; i++) { if (Null()) d.AppendNull(); else d.Append(rnd.Next(3) == 0 ? double.NaN : rnd.NextDouble() - 0.5); }
                return d.Build();
            case ScalarKind.Int64 when narrow:
            case ScalarKind.Int32:
                var i32 = new Int32Array.Builder();
                for (int i = 0; i < n; i++) { if (Null()) i32.AppendNull(); else i32.Append(rnd.Next(int.MinValue, int.MaxValue)); }
                return i32.Build();
            case ScalarKind.Int64:
                var l = new Int64Array.Builder();
                for (int i = 0; i < n; i++) { if (Null()) l.AppendNull(); else l.Append(rnd.NextInt64()); }
                return l.Build();
            case ScalarKind.Float32:
                var f = new FloatArray.Builder();
                for (int i = 0; i < n; i++) { if (Null()) f.AppendNull(); else f.Append((float)rnd.NextDouble()); }
                return f.Build();
            case ScalarKind.DateTime or ScalarKind.DateTimeOffset:
                var t = new TimestampArray.Builder(new Apache.Arrow.Types.TimestampType(Apache.Arrow.Types.TimeUnit.Microsecond, (string?)null));
                for (int i = 0; i < n; i++) { if (Null()) t.AppendNull(); else t.Append(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(rnd.NextInt64(0, 1L << 50) * 10)); }
                return t.Build();
            case ScalarKind.Bool:
                var b = new BooleanArray.Builder();
                for (int i = 0; i < n; i++) { if (Null()) b.AppendNull(); else b.Append(rnd.Next(2) == 0); }
                return b.Build();
            default:
                var s = new StringArray.Builder();
                for (int i = 0; i < n; i++) { if (Null()) s.AppendNull(); else s.Append(rnd.Next(3) == 0 ? "" : "é" + rnd.Next()); }
                return s.Build();
        }
    }
}
