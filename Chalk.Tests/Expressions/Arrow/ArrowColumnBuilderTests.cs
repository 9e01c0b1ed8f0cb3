using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Expressions;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Expressions.Arrow;

/// <summary>The one column builder, through every way a value reaches it: boxed into a feature column (resolvers,
/// inputs), as an IR column (<see cref="ArrowValues.BuildArray"/>), typed from a source's cells (SQLite's), and through
/// the typed appends. Each path must build the same Arrow array, on managed memory, and read back the value floored to
/// the microsecond.</summary>
public sealed class ArrowColumnBuilderTests
{
    private static IEnumerable<ColumnValues> Types() => ColumnValues.All();

    [Test]
    public void Every_entry_point_builds_the_same_column_and_it_reads_back_as_expected(
        [ValueSource(nameof(Types))] ColumnValues type, [Values(0, 1, 300)] int rows)
    {
        var values = type.Values(rows, seed: 20_261_207 + rows);
        var built = new List<(string Path, IArrowArray Array, bool SameType)>();
        // A feature column is built boxed from its feature type (resolvers, inputs); a duration, which no feature has, boxed too.
        built.Add((type.Feature is null ? "boxed" : "feature column", Boxed(type.Feature?.ArrowType ?? type.Arrow, values), true));
        if (type.Expr is { } expr) built.Add(("IR column", ArrowValues.BuildArray(expr, values), expr.ToArrow().Name == type.Arrow.Name && !IsZoned(type.Arrow)));
        if (Typed(type.Arrow, values) is { } typed) built.Add(("typed appends", typed, true));
        if (SqliteCellsColumn(type.Arrow, values) is { } cells) built.Add(("SQLite cells", cells, true));
        Assert.That(built, Has.Count.GreaterThanOrEqualTo(2), "a type reached by one path only proves nothing here");

        foreach (var (path, array, sameType) in built)
        {
            Assert.That(array.Length, Is.EqualTo(rows), path);
            Assert.That(array.NullCount, Is.EqualTo(values.Count(v => v is null)), path);
            if (sameType) Assert.That(Describe(array.Data.DataType), Is.EqualTo(Describe(type.Arrow)), path);
            foreach (var buffer in array.Data.Buffers.Where(b => b.Length > 0))
                Assert.That(MemoryMarshal.TryGetArray(buffer.Memory, out _), Is.True, $"{path}: a buffer outside managed memory");
            for (int i = 0; i < rows; i++)
            {
                var expected = values[i] is { } v ? type.Expected(v) : null;
                Assert.That(Same(ArrowValues.Get(array, i), expected), Is.True,
                    $"{path}, row {i}: {Show(values[i])} read back as {Show(ArrowValues.Get(array, i))}, expected {Show(expected)}");
            }
        }
        var (firstPath, first, _) = built[0];
        foreach (var (path, array, _) in built.Skip(1))
        {
            for (int i = 0; i < rows; i++)
                Assert.That(RawValue(array, i), Is.EqualTo(RawValue(first, i)), $"{path} vs {firstPath}, row {i}");
        }
    }

    [Test]
    public void A_DateTime_is_its_wall_clock_whatever_its_kind_and_a_DateTimeOffset_its_utc_instant()
    {
        var wall = new DateTime(1969, 7, 20, 20, 17, 40).AddTicks(-3);
        var column = Boxed(new TimestampType(TimeUnit.Microsecond, (string?)null),
            [DateTime.SpecifyKind(wall, DateTimeKind.Utc), DateTime.SpecifyKind(wall, DateTimeKind.Local), wall,
             new DateTimeOffset(wall, TimeSpan.FromHours(-4)), new DateTimeOffset(wall.AddHours(-4), TimeSpan.Zero)]);
        var micros = ((TimestampArray)column).Values.ToArray();
        Assert.That(micros[0], Is.EqualTo(-14_182_940_000_001L), "floored: 0.3 µs before a whole microsecond");
        Assert.That(micros[1], Is.EqualTo(micros[0]));
        Assert.That(micros[2], Is.EqualTo(micros[0]));
        Assert.That(micros[3], Is.EqualTo(micros[0] + 4 * 3_600_000_000L), "20:17 at UTC-4 is 00:17 UTC the next day");
        Assert.That(micros[4], Is.EqualTo(micros[0] - 4 * 3_600_000_000L));
    }

    [Test]
    public void An_IR_column_converts_a_value_of_another_type_by_the_column_rule_or_names_it()
    {
        Assert.That(ArrowValues.Get(ArrowValues.BuildArray(ExprType.Int64, [-1]), 0), Is.EqualTo(-1L), "an int widens, sign and all");
        Assert.That(ArrowValues.Get(ArrowValues.BuildArray(ExprType.Float32, [2.5d]), 0), Is.EqualTo(2.5f), "a double narrows");
        Assert.That(ArrowValues.Get(ArrowValues.BuildArray(ExprType.Int32, [(short)-7]), 0), Is.EqualTo(-7));
        var tooBig = Assert.Throws<ArgumentException>(() => ArrowValues.BuildArray(ExprType.Int32, [5_000_000_000L]))!;
        Assert.That(tooBig.Message, Does.StartWith("value 5000000000 is not a int32."));
        Assert.That(tooBig.InnerException, Is.TypeOf<InvalidCastException>().With.Message.EqualTo("a Int64 value '5000000000' cannot become int32"));
        Assert.Throws<ArgumentException>(() => ArrowValues.BuildArray(ExprType.Utf8, [42]), "a number is not text");
        Assert.Throws<ArgumentException>(() => ArrowValues.BuildArray(ExprType.Bool, ["yes"]), "text is not a boolean");
        Assert.Throws<ArgumentException>(() => ArrowValues.BuildArray(ExprType.Duration, [DateTime.UnixEpoch]), "a time stamp is not a duration");
    }

    [TestCase("x", "a String value 'x' cannot become int32")]
    [TestCase(2.5, "a Double value '2.5' cannot become int32")]
    [TestCase(3_000_000_000L, "a Int64 value '3000000000' cannot become int32")]
    public void A_value_that_cannot_become_the_column_type_is_named(object value, string message)
    {
        var builder = ArrowColumnBuilder.For(Int32Type.Default);
        Assert.That(() => builder.Append(value), Throws.TypeOf<InvalidCastException>().With.Message.EqualTo(message));
        Assert.That(() => ArrowColumnBuilder.For(new TimestampType(TimeUnit.Microsecond, "UTC")).Append(value),
            Throws.TypeOf<InvalidCastException>().With.Message.EndsWith("cannot become a timestamp"));
    }

    [Test]
    public void A_type_the_engine_does_not_map_has_no_builder()
    {
        Assert.That(() => ArrowColumnBuilder.For(new TimestampType(TimeUnit.Nanosecond, (string?)null)),
            Throws.TypeOf<NotSupportedException>().With.Message.EqualTo("no result column builder for Arrow timestamp"));
        Assert.That(() => ArrowColumnBuilder.For(Int16Type.Default), Throws.TypeOf<NotSupportedException>());
    }

    [Test]
    public void Build_starts_the_next_column_empty()
    {
        foreach (var type in ColumnValues.All())
        {
            var builder = ArrowColumnBuilder.For(type.Arrow);
            foreach (var v in type.Values(5, seed: 1)) builder.Append(v);
            Assert.That(builder.Build().Length, Is.EqualTo(5), type.Name);
            builder.AppendNull();
            var second = builder.Build();
            Assert.That((second.Length, second.NullCount), Is.EqualTo((1, 1)), type.Name);
        }
    }

    [Test]
    public void Typed_appends_allocate_nothing()
    {
        const int Rows = 4_000;
        void Fill(ArrowColumnBuilder[] columns)
        {
            for (int i = 0; i < Rows; i++)
            {
                columns[0].AppendInt64(i);
                columns[1].AppendInt64(i);
                columns[2].AppendDouble(i * 0.5);
                columns[3].AppendBoolean((i & 1) == 0);
                columns[4].AppendTimestamp(-i);
                columns[5].AppendInt64(i);
                columns[6].AppendDouble(i);
            }
        }
        ArrowColumnBuilder[] Columns() =>
        [
            ArrowColumnBuilder.For(Int64Type.Default, Rows), ArrowColumnBuilder.For(Int32Type.Default, Rows), ArrowColumnBuilder.For(DoubleType.Default, Rows),
            ArrowColumnBuilder.For(BooleanType.Default, Rows), ArrowColumnBuilder.For(new TimestampType(TimeUnit.Microsecond, (string?)null), Rows),
            ArrowColumnBuilder.For(DoubleType.Default, Rows), ArrowColumnBuilder.For(FloatType.Default, Rows),
        ];
        Fill(Columns());
        var columns = Columns();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Fill(columns);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    private static IArrowArray Boxed(IArrowType type, IReadOnlyList<object?> values)
    {
        var builder = ArrowColumnBuilder.For(type, values.Count);
        foreach (var v in values) builder.Append(v);
        return builder.Build();
    }

    // The allocation-free appends a source calls with values read by typed getters.
    private static IArrowArray? Typed(IArrowType type, object?[] values)
    {
        if (type is DurationType) return null;
        var builder = ArrowColumnBuilder.For(type);
        for (int i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null: builder.AppendNull(); break;
                case bool b: builder.AppendBoolean(b); break;
                case int n: builder.AppendInt64(n); break;
                case long n: builder.AppendInt64(n); break;
                case float f: builder.AppendDouble(f); break;
                case double d: builder.AppendDouble(d); break;
                case string s when i % 2 == 0: builder.AppendString(s); break;
                case string s: builder.AppendUtf8(Encoding.UTF8.GetBytes(s)); break;
                case DateTime t: builder.AppendTimestamp(ArrowTime.TimestampToMicros(t)); break;
                case DateTimeOffset o: builder.AppendTimestamp(ArrowTime.FloorTicksToMicros(o.UtcTicks)); break;
            }
        }
        return builder.Build();
    }

    // What a SQLite source appends for each value stored in the column type that holds it: time stamps as ISO-8601 text.
    private static IArrowArray? SqliteCellsColumn(IArrowType type, object?[] values)
    {
        if (type is DurationType) return null;
        var builder = ArrowColumnBuilder.For(type);
        for (int i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case null: builder.AppendNull(); break;
                case bool b: SqliteCells.AppendInteger(b ? 1 : 0, SqliteColumnKind.Boolean, builder); break;
                case int n: SqliteCells.AppendInteger(n, SqliteColumnKind.Integer, builder); break;
                case long n: SqliteCells.AppendInteger(n, SqliteColumnKind.Integer, builder); break;
                case float f: SqliteCells.AppendReal(f, SqliteColumnKind.Real, builder); break;
                case double d: SqliteCells.AppendReal(d, SqliteColumnKind.Real, builder); break;
                case string s when i % 2 == 0: SqliteCells.AppendText(s, SqliteColumnKind.Text, builder); break;
                case string s: SqliteCells.AppendText(Encoding.UTF8.GetBytes(s), SqliteColumnKind.Text, builder); break;
                case DateTime t: SqliteCells.AppendText(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), SqliteColumnKind.Timestamp, builder); break;
                case DateTimeOffset o: SqliteCells.AppendText(o.ToString("O", CultureInfo.InvariantCulture), SqliteColumnKind.Timestamp, builder); break;
            }
        }
        return builder.Build();
    }

    private static bool IsZoned(IArrowType type) => type is TimestampType { Timezone: not null };

    private static string Describe(IArrowType type) => type is TimestampType t ? $"timestamp[{t.Unit}, {t.Timezone ?? "no zone"}]" : type.Name;

    // Floats by their bits, so NaN equals NaN and -0 differs from 0; time stamps by ticks and kind.
    private static bool Same(object? actual, object? expected) => (actual, expected) switch
    {
        (float a, float e) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(e),
        (double a, double e) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(e),
        (DateTime a, DateTime e) => a.Ticks == e.Ticks && a.Kind == e.Kind,
        _ => Equals(actual, expected),
    };

    private static object? RawValue(IArrowArray array, int i) => array.IsNull(i) ? null : array switch
    {
        FloatArray f => BitConverter.SingleToInt32Bits(f.Values[i]),
        DoubleArray d => BitConverter.DoubleToInt64Bits(d.Values[i]),
        TimestampArray t => t.Values[i],
        DurationArray d => d.Values[i],
        _ => ArrowValues.Get(array, i),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture) + $" ({t.Kind})",
        DateTimeOffset o => o.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
