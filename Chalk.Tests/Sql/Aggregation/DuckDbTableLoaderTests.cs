using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Sql.Sources;
using Chalk.Expressions;

namespace Chalk.Tests.Sql.Aggregation;

/// <summary>The chunked table loader: every supported Arrow type, nulls and slices, at lengths around DuckDB's 2,048-row vector.</summary>
public class DuckDbTableLoaderTests
{
    private static readonly int[] Lengths = [0, 1, 63, 64, 65, 2047, 2048, 2049, 4096, 4097, 6500];

    // Row i's expected value per column, null on a pattern that crosses validity words and chunks.
    private static bool IsNull(int column, int i) => (i * 7 + column * 13) % (5 + column) == 0;

    private static readonly (string Name, Func<int, IArrowArray> Build, Func<int, object> Expected)[] Columns =
    [
        ("b", n => Build(new BooleanArray.Builder(), n, 0, (BooleanArray.Builder b, int i) => b.Append(i % 3 == 0)), i => i % 3 == 0),
        ("i8", n => Build(new Int8Array.Builder(), n, 1, (Int8Array.Builder b, int i) => b.Append((sbyte)(i % 250 - 125))), i => i % 250 - 125),
        ("i16", n => Build(new Int16Array.Builder(), n, 2, (Int16Array.Builder b, int i) => b.Append((short)(i * 3 - 9000))), i => i * 3 - 9000),
        ("u8", n => Build(new UInt8Array.Builder(), n, 3, (UInt8Array.Builder b, int i) => b.Append((byte)(i % 256))), i => i % 256),
        ("u16", n => Build(new UInt16Array.Builder(), n, 4, (UInt16Array.Builder b, int i) => b.Append((ushort)(i * 9))), i => i * 9 % 65536),
        ("u32", n => Build(new UInt32Array.Builder(), n, 5, (UInt32Array.Builder b, int i) => b.Append(uint.MaxValue - (uint)i)), i => (long)(uint.MaxValue - (uint)i)),
        ("i32", n => Build(new Int32Array.Builder(), n, 6, (Int32Array.Builder b, int i) => b.Append(i % 2 == 0 ? int.MinValue + i : int.MaxValue - i)), i => i % 2 == 0 ? int.MinValue + i : int.MaxValue - i),
        ("i64", n => Build(new Int64Array.Builder(), n, 7, (Int64Array.Builder b, int i) => b.Append(long.MaxValue - i)), i => long.MaxValue - i),
        ("f32", n => Build(new FloatArray.Builder(), n, 8, (FloatArray.Builder b, int i) => b.Append(i % 5 == 1 ? float.NaN : i / 8f - 100)), i => i % 5 == 1 ? float.NaN : i / 8f - 100),
        ("f64", n => Build(new DoubleArray.Builder(), n, 9, (DoubleArray.Builder b, int i) => b.Append(i % 4 == 1 ? -0.0 : i / 3.0)), i => i % 4 == 1 ? -0.0 : i / 3.0),
        ("s", n => Build(new StringArray.Builder(), n, 10, (StringArray.Builder b, int i) => b.Append(Text(i))), i => Text(i)),
        ("t_us", n => Times(TimeUnit.Microsecond, n, 11, i => Micros(i)), i => Micros(i)),
        ("t_s", n => Times(TimeUnit.Second, n, 12, i => i * 37L - 5), i => (i * 37L - 5) * 1_000_000),
        ("t_ms", n => Times(TimeUnit.Millisecond, n, 13, i => i * 37L - 5), i => (i * 37L - 5) * 1_000),
        ("t_ns", n => Times(TimeUnit.Nanosecond, n, 14, i => i * 1_001L - 5_000), i => FloorDiv(i * 1_001L - 5_000, 1_000)),
        ("p_us", n => Durations(TimeUnit.Microsecond, n, 15, i => i * 11L - 700), i => i * 11L - 700),
        ("p_ns", n => Durations(TimeUnit.Nanosecond, n, 16, i => -i * 999L), i => FloorDiv(-i * 999L, 1_000)),
    ];

    [Test]
    public async Task Every_type_round_trips_with_nulls_at_every_length_around_the_vector_size([ValueSource(nameof(Lengths))] int n)
    {
        var batch = new RecordBatch(new Schema(Columns.Select(c => new Field(c.Name, c.Build(1).Data.DataType, true)).Prepend(new Field("row", Int32Type.Default, false)), null),
            Columns.Select(c => c.Build(n)).Prepend(new Int32Array.Builder().AppendRange(Enumerable.Range(0, n)).Build()), n);
        await AssertRoundTripAsync(batch, 0, n);
    }

    [Test]
    public async Task A_sliced_batch_loads_its_own_rows()
    {
        const int n = 5000;
        var full = new RecordBatch(new Schema(Columns.Select(c => new Field(c.Name, c.Build(1).Data.DataType, true)).Prepend(new Field("row", Int32Type.Default, false)), null),
            Columns.Select(c => c.Build(n)).Prepend(new Int32Array.Builder().AppendRange(Enumerable.Range(0, n)).Build()), n);
        const int offset = 1234, length = 2100;
        var slice = new RecordBatch(full.Schema, full.Arrays.Select(a => ArrowArrayFactory.Slice(a, offset, length)), length);
        await AssertRoundTripAsync(slice, offset, length);
    }

    private static async Task AssertRoundTripAsync(RecordBatch batch, int offset, int n)
    {
        await using var source = new DuckDbSource("Data Source=:memory:");
        var casts = string.Join(", ", Columns.Select(c => c.Name.StartsWith("t_", StringComparison.Ordinal) ? $"epoch_us({c.Name})" : c.Name));
        using var result = await source.QueryWithTablesAsync($"select row, {casts} from loaded order by row", [("loaded", batch)], "test");
        int seen = 0;
        foreach (var b in result.Batches)
        {
            for (int r = 0; r < b.Length; r++, seen++)
            {
                int row = ((Int32Array)b.Column(0)).GetValue(r)!.Value;
                Assert.That(row, Is.EqualTo(offset + seen));
                for (int c = 0; c < Columns.Length; c++)
                {
                    object? got = ArrowValues.Get(b.Column(c + 1), r);
                    object? expected = IsNull(c, row) ? null : Columns[c].Expected(row);
                    if (got is not null && expected is not null && got.GetType() != expected.GetType()) got = Convert.ChangeType(got, expected.GetType(), System.Globalization.CultureInfo.InvariantCulture);
                    if (expected is double d && got is double g) Assert.That(BitConverter.DoubleToInt64Bits(g), Is.EqualTo(BitConverter.DoubleToInt64Bits(d)), $"{Columns[c].Name} at row {row}");
                    else Assert.That(got, Is.EqualTo(expected), $"{Columns[c].Name} at row {row}");
                }
            }
        }
        Assert.That(seen, Is.EqualTo(n));
    }

    // Arrow's builders share no generic interface for AppendNull and Build, hence reflection.
    private static IArrowArray Build<TBuilder>(TBuilder b, int n, int column, Action<TBuilder, int> append) where TBuilder : class
    {
        var appendNull = typeof(TBuilder).GetMethod("AppendNull", Type.EmptyTypes)!;
        for (int i = 0; i < n; i++)
        {
            if (IsNull(column, i)) appendNull.Invoke(b, null);
            else append(b, i);
        }
        return (IArrowArray)typeof(TBuilder).GetMethod("Build", [typeof(Apache.Arrow.Memory.MemoryAllocator)])!.Invoke(b, [null])!;
    }

    private static IArrowArray Times(TimeUnit unit, int n, int column, Func<int, long> raw)
        => Raw(new TimestampType(unit, (string?)null), n, column, raw);

    private static IArrowArray Durations(TimeUnit unit, int n, int column, Func<int, long> raw)
        => Raw(DurationType.FromTimeUnit(unit), n, column, raw);

    // Raw int64 values with a validity bitmap, so any unit's values are exactly what the test says.
    private static IArrowArray Raw(IArrowType type, int n, int column, Func<int, long> raw)
    {
        var values = new ArrowBuffer.Builder<long>(n);
        var validity = new ArrowBuffer.BitmapBuilder(n);
        int nulls = 0;
        for (int i = 0; i < n; i++)
        {
            bool isNull = IsNull(column, i);
            nulls += isNull ? 1 : 0;
            values.Append(isNull ? 0 : raw(i));
            validity.Append(!isNull);
        }
        return ArrowArrayFactory.BuildArray(new ArrayData(type, n, nulls, 0, [validity.Build(), values.Build()]));
    }

    private static long Micros(int i) => (i - 3000) * 86_400_000_001L;

    private static string Text(int i) => i % 11 == 0 ? "" : i % 7 == 0 ? "😀ß'\"" + i : new string('x', i % 40) + i;

    private static long FloorDiv(long a, long b) => a / b - (a % b < 0 ? 1 : 0);
}
