using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Execution.Arrow;
using Chalk.Execution.Nodes;
using Chalk.Sql.Sources;

namespace Chalk.Tests.Engine.HasMany;

/// <summary>
/// <see cref="ChildRowSelection"/> and <see cref="ChildRowOrder"/> against the has-many node's original per-row code
/// (<see cref="Reference"/>, kept verbatim): the same child rows in the same order, and the same exception where that
/// code threw. Random fetches over every primary key type, with null and duplicate keys, null and boundary times,
/// null parent keys, keys shared by parents at different times, and sliced columns.
/// </summary>
public class ChildRowSelectionTests
{
    private static readonly DateTime s_origin = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>How a fetch returns a primary key: the column's Arrow form and the key feature's kind.</summary>
    public sealed record KeyCase(string Name, ScalarKind Kind, Func<Random, int, int, IArrowArray> Column)
    {
        public override string ToString() => Name;
    }

    /// <summary>How a fetch returns the time feature (or none).</summary>
    public sealed record TimeCase(string Name, Func<Random, int, DateTime[], int[], IArrowArray?> Column)
    {
        public override string ToString() => Name;
    }

    private static readonly KeyCase[] Keys =
    [
        new("long", ScalarKind.Int64, (rnd, n, domain) => Longs(rnd, n, domain, v => v)),
        new("int", ScalarKind.Int32, (rnd, n, domain) => Ints(rnd, n, domain)),
        new("int column, long key", ScalarKind.Int64, (rnd, n, domain) => Ints(rnd, n, domain)),
        new("long column, int key", ScalarKind.Int32, (rnd, n, domain) => Longs(rnd, n, domain, v => v - domain / 2)),
        new("long column, int key, out of int range", ScalarKind.Int32, (rnd, n, domain) => Longs(rnd, n, domain, v => v % 5 == 0 ? int.MaxValue + v : v)),
        new("negative and huge longs", ScalarKind.Int64, (rnd, n, domain) => Longs(rnd, n, domain, v => v % 3 == 0 ? long.MinValue + v : v % 3 == 1 ? long.MaxValue - v : -v)),
        new("string", ScalarKind.String, (rnd, n, domain) => Strings(rnd, n, domain, valid: true)),
        new("string, invalid UTF-8", ScalarKind.String, (rnd, n, domain) => Strings(rnd, n, domain, valid: false)),
        new("DateTime", ScalarKind.DateTime, (rnd, n, domain) => Micros(rnd, n, domain, null)),
        new("DateTimeOffset", ScalarKind.DateTimeOffset, (rnd, n, domain) => Micros(rnd, n, domain, "UTC")),
        new("millisecond DateTime", ScalarKind.DateTime, (rnd, n, domain) => Millis(rnd, n, domain)),
        new("nanosecond DateTime", ScalarKind.DateTime, (rnd, n, domain) => Nanos(rnd, n, domain)),
        new("double", ScalarKind.Float64, (rnd, n, domain) => Doubles(rnd, n, domain)),
    ];

    private static readonly TimeCase[] Times =
    [
        new("no time", (_, _, _, _) => null),
        new("microseconds", (rnd, n, asOf, parentOfKey) => ChildTimes(rnd, n, asOf, parentOfKey, TimeUnit.Microsecond)),
        new("milliseconds", (rnd, n, asOf, parentOfKey) => ChildTimes(rnd, n, asOf, parentOfKey, TimeUnit.Millisecond)),
    ];

    [Test]
    public void Selected_rows_match_the_per_row_reference([ValueSource(nameof(Keys))] KeyCase key, [ValueSource(nameof(Times))] TimeCase time,
        [Values(0, 1, 2, 3, 4, 5, 6, 7)] int seed, [Values(false, true)] bool sliced)
    {
        var rnd = new Random(seed * 7919 + key.Name.Length * 31 + time.Name.Length);
        int keyCount = rnd.Next(1, 25), parents = rnd.Next(0, 60), children = seed == 0 ? 0 : rnd.Next(1, 400);
        var keyOfParent = new int[parents];
        for (int p = 0; p < parents; p++) keyOfParent[p] = p < keyCount ? p : rnd.Next(5) == 0 ? -1 : rnd.Next(keyCount);
        var keyOfChild = new int[children];
        for (int c = 0; c < children; c++) keyOfChild[c] = rnd.Next(keyCount);
        var asOf = ParentTimes(rnd, parents);
        var firstParent = Enumerable.Range(0, keyCount).Select(k => System.Array.IndexOf(keyOfParent, k)).ToArray();
        var keyColumn = Slice(key.Column(rnd, children + 13, Math.Max(1, children / 3)), sliced, children);
        var timeColumn = Slice(time.Column(rnd, children + 13, asOf, keyOfChild.Select(k => firstParent[k]).ToArray()), sliced, children);
        var parentBatch = Parents(asOf);

        var want = Try(() => Reference(keyOfChild, keyCount, keyOfParent, keyColumn, key.Kind, timeColumn, QueryTime.Of(parentBatch)));
        var got = Try(() => ChildRowSelection.Select(keyOfChild, keyCount, keyOfParent, ChildRowOrder.Of(keyColumn, key.Kind, timeColumn), ParentQueryTimes.Of(parentBatch)));
        Assert.That(got.Error?.GetType(), Is.EqualTo(want.Error?.GetType()), $"{got.Error?.Message} vs {want.Error?.Message}");
        Assert.That(got.Rows.Parents, Is.EqualTo(want.Rows.Parents));
        Assert.That(got.Rows.Children, Is.EqualTo(want.Rows.Children));
    }

    [Test]
    public void Child_rows_come_in_key_order_nulls_first_and_ties_in_fetch_order()
    {
        // One key; fetched keys 5, null, 3, 5, null, 1: rows 5 and 2 tie-break by fetch order, nulls lead.
        var key = new Int64Array.Builder().Append(5).AppendNull().Append(3).Append(5).AppendNull().Append(1).Build();
        var (parents, children) = ChildRowSelection.Select([0, 0, 0, 0, 0, 0], 1, [0], ChildRowOrder.Of(key, ScalarKind.Int64, null), ParentQueryTimes.Of(Parents([s_origin])));
        Assert.That(children, Is.EqualTo(new[] { 1, 4, 5, 2, 0, 3 }));
        Assert.That(parents, Is.EqualTo(new[] { 0, 0, 0, 0, 0, 0 }));
    }

    [Test]
    public void A_row_is_visible_at_its_exact_time_and_never_with_a_null_time()
    {
        var time = Timestamps(TimeUnit.Microsecond, [s_origin, s_origin.AddTicks(10), null, s_origin.AddTicks(-10)]);
        var key = new Int64Array.Builder().AppendRange([1, 2, 3, 4]).Build();
        var (parents, children) = ChildRowSelection.Select([0, 0, 0, 0], 1, [0, -1, 0], ChildRowOrder.Of(key, ScalarKind.Int64, time),
            ParentQueryTimes.Of(Parents([s_origin, s_origin, s_origin.AddYears(-1)])));
        Assert.That(children, Is.EqualTo(new[] { 0, 3 }), "row 2 (null key) has none; row 3 (a year earlier) sees none");
        Assert.That(parents, Is.EqualTo(new[] { 0, 0 }));
    }

    [Test]
    public void Rows_all_invisible_give_an_empty_frame()
    {
        var time = Timestamps(TimeUnit.Microsecond, [s_origin.AddDays(1), null]);
        var key = new Int64Array.Builder().AppendRange([1, 2]).Build();
        var (parents, children) = ChildRowSelection.Select([0, 0], 1, [0], ChildRowOrder.Of(key, ScalarKind.Int64, time), ParentQueryTimes.Of(Parents([s_origin])));
        Assert.That(parents, Is.Empty);
        Assert.That(children, Is.Empty);
    }

    [Test]
    public void A_missing_query_time_is_an_internal_error_only_when_a_row_has_a_time()
    {
        var noTime = new RecordBatch(new Schema([new Field("x", Int32Type.Default, false)], null), [new Int32Array.Builder().Append(0).Build()], 1);
        var key = new Int64Array.Builder().AppendRange([1, 2]).Build();
        var nullTimes = Timestamps(TimeUnit.Microsecond, [null, null]);
        Assert.That(ChildRowSelection.Select([0, 0], 1, [0], ChildRowOrder.Of(key, ScalarKind.Int64, nullTimes), ParentQueryTimes.Of(noTime)).ChildRows, Is.Empty);
        var times = Timestamps(TimeUnit.Microsecond, [null, s_origin]);
        Assert.Throws<ChalkInternalException>(() => ChildRowSelection.Select([0, 0], 1, [0], ChildRowOrder.Of(key, ScalarKind.Int64, times), ParentQueryTimes.Of(noTime)));
    }

    [Test]
    public void Strings_order_as_CompareOrdinal_across_surrogates_and_private_use()
    {
        string[] values = ["\uE000", "\U0001F600", "a", "", "\uFFFF", "\uD7FF", "ab", "\U00010000x", "é", "\uE000a"];
        var key = new StringArray.Builder().AppendRange(values).Build();
        var rows = Enumerable.Range(0, values.Length).ToArray();
        ChildRowOrder.Of(key, ScalarKind.String, null).Sort(rows);
        Assert.That(rows.Select(r => values[r]), Is.EqualTo(values.Order(StringComparer.Ordinal)));
    }

    [Test]
    public void Fetched_batches_are_joined_before_ordering([Values(1, 2, 5)] int batches)
    {
        // Keys 2 and 1 for parameter row 0, split over batches; a duplicate child (same key) in two batches stays twice, in fetch order.
        var rnd = new Random(batches);
        var all = Enumerable.Range(0, 40).Select(i => (Param: i % 3, Id: (long)rnd.Next(10), At: s_origin.AddMinutes(rnd.Next(-60, 60)))).ToArray();
        var schema = new Schema([new Field(SqlResult.RowColumn, Int32Type.Default, false), new Field("id", Int64Type.Default, false),
            new Field("at", new TimestampType(TimeUnit.Microsecond, (string?)null), true)], null);
        var parts = all.Chunk((all.Length + batches - 1) / batches).Select(part => new RecordBatch(schema,
        [
            new Int32Array.Builder().AppendRange(part.Select(p => p.Param)).Build(),
            new Int64Array.Builder().AppendRange(part.Select(p => p.Id)).Build(),
            Timestamps(TimeUnit.Microsecond, part.Select(p => (DateTime?)p.At).ToArray()),
        ], part.Length)).ToList();
        using var result = new SqlResult(schema, parts);
        var columns = SqlResultColumns.From(result);
        var parents = Parents([s_origin, s_origin.AddMinutes(-30), s_origin.AddMinutes(30), s_origin]);
        int[] keyOfParent = [0, 1, 2, 0];
        var got = ChildRowSelection.Select(columns.ParameterRow, 3, keyOfParent, ChildRowOrder.Of(columns.Raw("id"), ScalarKind.Int64, columns.Raw("at")), ParentQueryTimes.Of(parents));
        var want = Reference(columns.ParameterRow, 3, keyOfParent, columns.Raw("id"), ScalarKind.Int64, columns.Raw("at"), QueryTime.Of(parents));
        Assert.That(got.ChildRows, Is.EqualTo(want.Children));
        Assert.That(got.ParentRows, Is.EqualTo(want.Parents));
        var expected = keyOfParent.SelectMany((k, p) => all.Select((c, i) => (c, i)).Where(x => x.c.Param == k && x.c.At <= QueryTime.Of(parents)(p))
            .OrderBy(x => x.c.Id).ThenBy(x => x.i).Select(x => x.i)).ToArray();
        Assert.That(got.ChildRows, Is.EqualTo(expected));
    }

    // The has-many node's code before the typed rewrite: a boxed, stable sort per parent row and a boxed time check per row.
    private static (int[] Parents, int[] Children) Reference(int[] keyOfChild, int keyCount, int[] keyOfParent, IArrowArray? key, ScalarKind keyKind,
        IArrowArray? time, Func<int, DateTime> asOf)
    {
        var rowsOfKey = new List<int>[keyCount];
        for (int r = 0; r < keyOfChild.Length; r++) (rowsOfKey[keyOfChild[r]] ??= []).Add(r);
        var parentRows = new List<int>();
        var resultRows = new List<int>();
        for (int row = 0; row < keyOfParent.Length; row++)
        {
            int k = keyOfParent[row];
            if (k < 0 || rowsOfKey[k] is not { } rows) continue;
            IEnumerable<int> sorted = key is null || rows.Count < 2 ? rows
                : rows.Select(r => (Row: r, Key: FeatureValues.Get(key, r, keyKind))).ToList().OrderBy(x => x.Key, ReferenceComparer.Instance).Select(x => x.Row);
            foreach (var r in sorted)
            {
                if (!(time is null || (!time.IsNull(r) && (DateTime)FeatureValues.Get(time, r, ScalarKind.DateTime)! <= asOf(row)))) continue;
                parentRows.Add(row);
                resultRows.Add(r);
            }
        }
        return (parentRows.ToArray(), resultRows.ToArray());
    }

    private sealed class ReferenceComparer : IComparer<object?>
    {
        public static readonly ReferenceComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => Comparer<object>.Default.Compare(x, y),
        };
    }

    private static ((int[] Parents, int[] Children) Rows, Exception? Error) Try(Func<(int[], int[])> select)
    {
        try
        {
            return (select(), null);
        }
        catch (Exception e) when (e is not AssertionException)
        {
            return (([], []), e);
        }
    }

    // A column of n + 13 values cut to the last n (offset 13, not a multiple of 8), or its first n.
    private static T? Slice<T>(T? array, bool sliced, int n) where T : class, IArrowArray
        => array is null ? null : (T)ArrowArrayFactory.BuildArray(array.Data.Slice(sliced ? 13 : 0, n));

    private static RecordBatch Parents(IReadOnlyList<DateTime> asOf)
        => new(new Schema([new Field("key", Int64Type.Default, true), new Field(QueryTime.Column, QueryTime.Type.ArrowType, false)], null),
            [new Int64Array.Builder().AppendRange(Enumerable.Range(0, asOf.Count).Select(i => (long)i)).Build(), Timestamps(TimeUnit.Microsecond, asOf.Select(a => (DateTime?)a).ToArray())],
            asOf.Count);

    private static DateTime[] ParentTimes(Random rnd, int n) => Enumerable.Range(0, n).Select(_ => s_origin.AddSeconds(rnd.Next(-100, 100))).ToArray();

    // Child times around their parent's time (the sliced-off prefix of 13 around the origin), some exactly on it, some null.
    private static TimestampArray ChildTimes(Random rnd, int n, DateTime[] asOf, int[] parentOfRow, TimeUnit unit)
        => Timestamps(unit, Enumerable.Range(0, n).Select(i =>
        {
            int p = i < 13 ? -1 : parentOfRow[i - 13];
            var at = p >= 0 ? asOf[p] : s_origin;
            return rnd.Next(8) switch { 0 => null, 1 => at, 2 => at.AddTicks(10), 3 => at.AddTicks(-10), _ => (DateTime?)at.AddSeconds(rnd.Next(-50, 50)) };
        }).ToArray());

    private static TimestampArray Timestamps(TimeUnit unit, DateTime?[] values)
    {
        long per = unit == TimeUnit.Microsecond ? 10 : TimeSpan.TicksPerMillisecond;
        var raw = new ArrowBuffer.Builder<long>();
        var valid = new ArrowBuffer.BitmapBuilder();
        foreach (var v in values)
        {
            raw.Append(v is { } t ? (t.Ticks - DateTime.UnixEpoch.Ticks) / per : 0);
            valid.Append(v is not null);
        }
        int nulls = values.Count(v => v is null);
        return new TimestampArray(new TimestampType(unit, (string?)null), raw.Build(), valid.Build(), values.Length, nulls, 0);
    }

    private static bool Null(Random rnd) => rnd.Next(9) == 0;

    private static Int64Array Longs(Random rnd, int n, int domain, Func<long, long> map)
    {
        var b = new Int64Array.Builder();
        for (int i = 0; i < n; i++) { if (Null(rnd)) b.AppendNull(); else b.Append(map(rnd.Next(domain))); }
        return b.Build();
    }

    private static Int32Array Ints(Random rnd, int n, int domain)
    {
        var b = new Int32Array.Builder();
        for (int i = 0; i < n; i++) { if (Null(rnd)) b.AppendNull(); else b.Append(rnd.Next(domain) - domain / 2); }
        return b.Build();
    }

    private static DoubleArray Doubles(Random rnd, int n, int domain)
    {
        var b = new DoubleArray.Builder();
        for (int i = 0; i < n; i++) { if (Null(rnd)) b.AppendNull(); else b.Append(rnd.Next(20) == 0 ? double.NaN : rnd.Next(domain) / 4.0); }
        return b.Build();
    }

    private static readonly string[] s_pieces = ["a", "b", "é", "\uE000", "\uFFFD", "\U0001F600", "\uD7FF", ""];

    private static StringArray Strings(Random rnd, int n, int domain, bool valid)
    {
        var distinct = Enumerable.Range(0, domain).Select(_ => string.Concat(Enumerable.Range(0, rnd.Next(4)).Select(_ => s_pieces[rnd.Next(s_pieces.Length)]))).ToArray();
        var b = new StringArray.Builder();
        for (int i = 0; i < n; i++)
        {
            if (Null(rnd)) b.AppendNull();
            // 0xFF is never UTF-8; decoding makes it U+FFFD, which the bytes alone would order differently.
            else if (!valid && rnd.Next(4) == 0) b.Append([.. Encoding.UTF8.GetBytes(distinct[rnd.Next(domain)]), 0xFF, (byte)rnd.Next(0x80)]);
            else b.Append(distinct[rnd.Next(domain)]);
        }
        return b.Build();
    }

    private static TimestampArray Micros(Random rnd, int n, int domain, string? zone)
    {
        var b = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, zone));
        for (int i = 0; i < n; i++) { if (Null(rnd)) b.AppendNull(); else b.Append(new DateTimeOffset(s_origin).AddTicks(rnd.Next(domain) * 10L)); }
        return b.Build();
    }

    private static TimestampArray Millis(Random rnd, int n, int domain)
    {
        var b = new TimestampArray.Builder(new TimestampType(TimeUnit.Millisecond, (string?)null));
        for (int i = 0; i < n; i++) { if (Null(rnd)) b.AppendNull(); else b.Append(new DateTimeOffset(s_origin).AddMilliseconds(rnd.Next(domain) - domain / 2)); }
        return b.Build();
    }

    // Nanoseconds less than a tick apart convert to equal DateTimes, so they tie (and keep fetch order) though their raw values differ.
    private static TimestampArray Nanos(Random rnd, int n, int domain)
    {
        var raw = new ArrowBuffer.Builder<long>();
        var valid = new ArrowBuffer.BitmapBuilder();
        int nulls = 0;
        for (int i = 0; i < n; i++)
        {
            bool isNull = Null(rnd);
            nulls += isNull ? 1 : 0;
            raw.Append(isNull ? 0 : 1_700_000_000_000_000_000 + rnd.Next(domain) * 37L);
            valid.Append(!isNull);
        }
        return new TimestampArray(new TimestampType(TimeUnit.Nanosecond, (string?)null), raw.Build(), valid.Build(), n, nulls, 0);
    }
}
