using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Planning.Logical;
using Chalk.Resolvers;

namespace Chalk.Execution.Fallback;

/// <summary>Builds, per row, the part of a feature object graph that a getter reads (an <see cref="ObjectShape"/>).</summary>
internal sealed class ObjectMaterializer
{
    private readonly Func<object> _create;
    private readonly (ColumnId Column, ScalarKind Kind, bool Required, Action<object, object?> Set)[] _scalars;
    private readonly (ColumnId KeyColumn, Action<object, object?> Set, ObjectMaterializer Child)[] _hasOne;
    private readonly (ColumnId Frame, Action<object, object?> Set, ObjectMaterializer Child, Func<object[], object> MakeFrame)[] _hasMany;

    /// <param name="shape">What to build.</param>
    /// <param name="node">The place of the shape's class in the frame, e.g. <c>review.user</c>.</param>
    public ObjectMaterializer(ObjectShape shape, PlanNode node)
    {
        var cls = shape.Class;
        _create = MemberAccess.Factory(cls.ClrType);
        _scalars = shape.Scalars.Select(s => cls.Find(s)!)
            .Select(f => (node.Column(f), f.Type!.Kind, !f.Type.IsNullable, MemberAccess.Setter(f.StoredProperty))).ToArray();
        var hasOne = new List<(ColumnId, Action<object, object?>, ObjectMaterializer)>();
        var hasMany = new List<(ColumnId, Action<object, object?>, ObjectMaterializer, Func<object[], object>)>();
        foreach (var (name, child) in shape.Relations)
        {
            var rel = cls.Find(name)!;
            if (rel.Kind == FeatureKind.HasOne)
            {
                var related = node.HasOne(rel);
                hasOne.Add((related.Column(rel.Target!.PrimaryKey!), MemberAccess.Setter(rel.StoredProperty), new ObjectMaterializer(child, related)));
            }
            else
            {
                // A has-many relation's rows are a child frame, rooted at the child class.
                hasMany.Add((node.Column(rel), MemberAccess.Setter(rel.StoredProperty), new ObjectMaterializer(child, PlanNode.Root(child.Class)), MemberAccess.FrameFactory(child.Class.ClrType)));
            }
        }
        _hasOne = hasOne.ToArray();
        _hasMany = hasMany.ToArray();
    }

    /// <summary>The columns of the row's own frame that building an object reads: its scalars and its has-one objects'.</summary>
    private IEnumerable<string> ReadColumns() => _scalars.Select(s => s.Column.Name).Concat(_hasOne.SelectMany(h => h.Child.ReadColumns()));

    /// <summary>Resolves column names and child rows once, so building a row does no lookups.</summary>
    public Bound Bind(IFrameView view) => new(this, view);

    internal sealed class Bound
    {
        private readonly ObjectMaterializer _m;
        private readonly IArrowArray[] _scalarColumns;
        private readonly IArrowArray[] _keyColumns;
        private readonly Bound[] _hasOne;
        private readonly (int[][] RowsByParent, Bound Child, FrameState State, HashSet<int> Failed)[] _hasMany;

        public Bound(ObjectMaterializer m, IFrameView view)
        {
            _m = m;
            _scalarColumns = m._scalars.Select(s => view.Column(s.Column)).ToArray();
            _keyColumns = m._hasOne.Select(h => view.Column(h.KeyColumn)).ToArray();
            _hasOne = m._hasOne.Select(h => h.Child.Bind(view)).ToArray();
            _hasMany = m._hasMany.Select(h =>
            {
                var frame = view.Child(h.Frame);
                // A child row where a feature the getter reads failed has no object, even when the feature is nullable:
                // null there would read like a value.
                var reads = h.Child.ReadColumns().ToHashSet(StringComparer.Ordinal);
                var failed = frame.State.Errors.Where(e => reads.Contains(e.Feature)).Select(e => e.Row).ToHashSet();
                return (frame.RowsByParent(view.RowCount), h.Child.Bind(new StateView(frame.State)), frame.State, failed);
            }).ToArray();
        }

        /// <summary>The object for a row, or null when a non-nullable feature it reads is missing (the row was not found).</summary>
        public object? Build(int row)
        {
            var obj = _m._create();
            for (int i = 0; i < _scalarColumns.Length; i++)
            {
                var value = FeatureValues.Get(_scalarColumns[i], row, _m._scalars[i].Kind);
                if (value is null && _m._scalars[i].Required) return null;
                _m._scalars[i].Set(obj, value);
            }
            for (int i = 0; i < _hasOne.Length; i++)
                _m._hasOne[i].Set(obj, _keyColumns[i].IsNull(row) ? null : _hasOne[i].Build(row));
            for (int i = 0; i < _hasMany.Length; i++)
            {
                var (rowsByParent, child, state, failed) = _hasMany[i];
                var rows = rowsByParent[row];
                var items = new object[rows.Length];
                for (int j = 0; j < rows.Length; j++)
                    items[j] = (failed.Contains(rows[j]) ? null : child.Build(rows[j])) ?? throw new InvalidOperationException(child.WhyNull(rows[j], _m._hasMany[i].Frame, state));
                _m._hasMany[i].Set(obj, _m._hasMany[i].MakeFrame(items));
            }
            return obj;
        }

        // Why a child row has no object: the first non-nullable feature it reads is null there, because its resolver
        // failed on that row (the object cannot hold the failure, so the parent's getter fails, naming it) or the data
        // holds a null.
        internal string WhyNull(int row, ColumnId frame, FrameState state)
        {
            var reads = _m.ReadColumns().ToList();
            if (state.Errors.Where(e => e.Row == row && reads.Contains(e.Feature)).MinBy(e => reads.IndexOf(e.Feature)) is { } error)
                return $"{error.Feature} failed on a row of {frame}: {error.Message}";
            for (int i = 0; i < _scalarColumns.Length; i++)
            {
                if (!_m._scalars[i].Required || !_scalarColumns[i].IsNull(row)) continue;
                var column = _m._scalars[i].Column;
                var failed = state.Errors.FirstOrDefault(e => e.Row == row && e.Feature == column.Name);
                return failed is not null
                    ? $"{column} failed on a row of {frame}: {failed.Message}"
                    : $"a row of {frame} has null in the non-nullable feature {column}; make the feature nullable or filter the rows in SQL";
            }
            return $"a row of {frame} has null in a non-nullable feature; make the feature nullable or filter the rows in SQL";
        }
    }
}
