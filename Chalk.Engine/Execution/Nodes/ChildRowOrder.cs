using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Expressions.Aggregation;
using Chalk.Resolvers;

namespace Chalk.Execution.Nodes;

/// <summary>The order and visibility of a has-many relation's fetched rows: primary key ascending, and only rows
/// whose time feature is at or before the parent row's query time.</summary>
/// <remarks>
/// <para>
/// Sorting by the key gives LINQ written over the relation (ties of <c>MaxBy</c>, <c>First</c>) the same row order
/// whatever order the source returned rows in, and the same order the pushed-down aggregations use. Null keys come
/// first and equal keys keep the source's order. A row with a null time is never visible (its time is unknown). When
/// the fetch does not return the key or the time feature, that part is skipped.
/// </para>
/// <para>
/// The order is that of the key as its feature's CLR value (<see cref="FeatureValues.Get"/> compared by
/// <see cref="Comparer{T}.Default"/>, strings ordinally). Where the raw Arrow values are known to sort the same way
/// (integers, microsecond timestamps in <see cref="DateTime"/>'s range, valid UTF-8) they are compared unboxed; any
/// other column goes through the boxed values, so it orders (and fails) exactly as the feature values would.
/// </para>
/// </remarks>
internal sealed partial class ChildRowOrder
{
    private readonly IArrowArray? _key;
    private readonly ScalarKind _keyKind;
    private readonly KeyMode _keyMode;
    private readonly IArrowArray? _time;
    private readonly bool _microsTime;
    // Where the time column comes from, named only when one of its values fails.
    private readonly SqlResolverDefinition? _fetch;
    private readonly FeatureDefinition? _timeFeature;

    private ChildRowOrder(IArrowArray? key, ScalarKind keyKind, IArrowArray? time, SqlResolverDefinition? fetch = null, FeatureDefinition? timeFeature = null)
    {
        _fetch = fetch;
        _timeFeature = timeFeature;
        _key = key;
        _keyKind = keyKind;
        _keyMode = key is null ? KeyMode.None : ModeOf(key, keyKind);
        _time = time;
        _microsTime = time is TimestampArray t && ((TimestampType)t.Data.DataType).Unit == TimeUnit.Microsecond;
    }

    // How a key column is compared: unboxed when its raw values sort as its feature values do.
    private enum KeyMode { None, Int32, Int64, Utf8, Boxed }

    /// <summary>Whether a time column decides visibility; without one every row is visible.</summary>
    public bool HasTime => _time is not null;

    public static ChildRowOrder Create(SqlResultColumns columns, SqlResolverDefinition fetch, FeatureClassDefinition child)
    {
        IArrowArray? ColumnOf(FeatureDefinition? f)
            => f is null ? null : fetch.Columns.FirstOrDefault(c => c.Feature == f) is { } c ? columns.Raw(c.Column) : null;
        return new(ColumnOf(child.PrimaryKey), child.PrimaryKey?.Type!.Kind ?? ScalarKind.Int64, ColumnOf(child.TimeFeature), fetch, child.TimeFeature);
    }

    /// <summary>The order over a key column (converted to <paramref name="keyKind"/>) and visibility by a time column; either may be absent.</summary>
    public static ChildRowOrder Of(IArrowArray? key, ScalarKind keyKind, IArrowArray? time) => new(key, keyKind, time);

    /// <summary>Sorts one key's rows, given in ascending row order, into key order (stable: equal keys keep row order).</summary>
    public void Sort(Span<int> rows)
    {
        if (rows.Length < 2) return;
        switch (_keyMode)
        {
            case KeyMode.Int32: SortFixed(rows, ((Int32Array)_key!).Values); break;
            case KeyMode.Int64: SortFixed(rows, ((PrimitiveArray<long>)_key!).Values); break;
            case KeyMode.Utf8: SortUtf8(rows, (StringArray)_key!); break;
            case KeyMode.Boxed: SortBoxed(rows); break;
        }
    }

    private static KeyMode ModeOf(IArrowArray key, ScalarKind kind) => (key, kind) switch
    {
        (Int32Array, ScalarKind.Int32 or ScalarKind.Int64) => KeyMode.Int32,
        (Int64Array, ScalarKind.Int64) => KeyMode.Int64,
        // Converting to int throws for a value out of range; only an in-range column may skip the conversion.
        (Int64Array l, ScalarKind.Int32) when AllInInt32Range(l) => KeyMode.Int64,
        (TimestampArray t, ScalarKind.DateTime or ScalarKind.DateTimeOffset)
            when ((TimestampType)t.Data.DataType).Unit == TimeUnit.Microsecond && AllRepresentable(t) => KeyMode.Int64,
        (StringArray s, ScalarKind.String) when AllValidUtf8(s) => KeyMode.Utf8,
        _ => KeyMode.Boxed,
    };

    private static bool AllInInt32Range(Int64Array keys)
    {
        var values = keys.Values;
        for (int r = 0; r < values.Length; r++)
        {
            if (values[r] is < int.MinValue or > int.MaxValue && keys.IsValid(r)) return false;
        }
        return true;
    }

    private static bool AllRepresentable(TimestampArray keys)
    {
        var values = keys.Values;
        for (int r = 0; r < values.Length; r++)
        {
            if (!MicrosInRange(values[r]) && keys.IsValid(r)) return false;
        }
        return true;
    }

    // Invalid UTF-8 decodes with replacement characters, whose order the bytes do not give.
    private static bool AllValidUtf8(StringArray keys)
    {
        for (int r = 0; r < keys.Length; r++)
        {
            if (!System.Text.Unicode.Utf8.IsValid(keys.GetBytes(r))) return false;
        }
        return true;
    }

    // Nulls first, both parts keeping row order; returns the number of nulls.
    private int NullsFirst(Span<int> rows)
    {
        var key = _key!;
        if (key.NullCount == 0) return 0;
        int nulls = 0;
        foreach (int r in rows)
        {
            if (key.IsNull(r)) nulls++;
        }
        if (nulls == 0 || nulls == rows.Length) return nulls;
        var copy = ArrayPool<int>.Shared.Rent(rows.Length);
        rows.CopyTo(copy);
        int n = 0, v = nulls;
        foreach (int r in copy.AsSpan(0, rows.Length))
        {
            if (key.IsNull(r)) rows[n++] = r;
            else rows[v++] = r;
        }
        ArrayPool<int>.Shared.Return(copy);
        return nulls;
    }

    private void SortFixed<T>(Span<int> rows, ReadOnlySpan<T> values) where T : unmanaged, IComparable<T>
        => StableKeyOrder.Sort(rows[NullsFirst(rows)..], values);

    private void SortUtf8(Span<int> rows, StringArray keys)
    {
        var group = rows[NullsFirst(rows)..];
        for (int k = 1; k < group.Length; k++)
        {
            if (Utf8Ordinal.Compare(keys.GetBytes(group[k]), keys.GetBytes(group[k - 1])) < 0)
            {
                // Row order breaks ties, which makes the unstable sort stable.
                group.Sort((a, b) => Utf8Ordinal.Compare(keys.GetBytes(a), keys.GetBytes(b)) is var c && c != 0 ? c : a.CompareTo(b));
                return;
            }
        }
    }

    private void SortBoxed(Span<int> rows)
    {
        var keyed = new (object? Key, int Row)[rows.Length];
        for (int k = 0; k < rows.Length; k++) keyed[k] = (FeatureValues.Get(_key!, rows[k], _keyKind), rows[k]);
        var sorted = keyed.OrderBy(k => k.Key, KeyComparer.Instance).ToArray();
        for (int k = 0; k < rows.Length; k++) rows[k] = sorted[k].Row;
    }

    private sealed class KeyComparer : IComparer<object?>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string a, string b) => string.CompareOrdinal(a, b),
            _ => Comparer<object>.Default.Compare(x, y),
        };
    }
}
