using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Resolvers;

namespace Chalk.Execution.Nodes;

/// <summary>The order and visibility of a has-many relation's fetched rows: primary key ascending, and only rows
/// whose time feature is at or before the parent row's query time.</summary>
/// <remarks>
/// Sorting by the key gives LINQ written over the relation (ties of <c>MaxBy</c>, <c>First</c>) the same row order
/// whatever order the source returned rows in, and the same order the pushed-down aggregations use. A row with a null
/// time is never visible (its time is unknown). When the fetch does not return the key or the time feature, that part is skipped.
/// </remarks>
internal sealed class ChildRowOrder
{
    private readonly IArrowArray? _key;
    private readonly ScalarKind _keyKind;
    private readonly IArrowArray? _time;

    private ChildRowOrder(IArrowArray? key, ScalarKind keyKind, IArrowArray? time)
    {
        _key = key;
        _keyKind = keyKind;
        _time = time;
    }

    public static ChildRowOrder Create(SqlResultColumns columns, SqlResolverDefinition fetch, FeatureClassDefinition child)
    {
        IArrowArray? ColumnOf(FeatureDefinition? f)
            => f is null ? null : fetch.Columns.FirstOrDefault(c => c.Feature == f) is { } c ? columns.Raw(c.Column) : null;
        return new ChildRowOrder(ColumnOf(child.PrimaryKey), child.PrimaryKey?.Type!.Kind ?? ScalarKind.Int64, ColumnOf(child.TimeFeature));
    }

    public IEnumerable<int> Sort(List<int> rows)
    {
        if (_key is null || rows.Count < 2) return rows;
        var keyed = rows.Select(r => (Row: r, Key: FeatureValues.Get(_key, r, _keyKind))).ToList();
        return keyed.OrderBy(k => k.Key, KeyComparer.Instance).Select(k => k.Row);
    }

    public bool VisibleAt(int row, DateTime asOf)
        => _time is null || (!_time.IsNull(row) && (DateTime)FeatureValues.Get(_time, row, ScalarKind.DateTime)! <= asOf);

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
