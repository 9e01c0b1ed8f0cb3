using Chalk.Definitions;
using Chalk.Resolvers;

namespace Chalk.Planning.Logical;

/// <summary>Row existence: which rows of a node exist, so that nothing is computed for a row that does not.</summary>
/// <remarks>
/// One rule for every path (see <see cref="LogicalExistence"/>): a C# body, an aggregate or a has-many fetch at a node
/// runs only for the rows that exist there (its <see cref="LogicalStep.Gate"/>), and every output read at a node is
/// null on the rows that do not exist.
/// </remarks>
internal sealed partial class LogicalPlanner
{
    private ColumnId? _rootGate;
    private bool _rootDefinedByInputs;
    private SqlResolverDefinition? _rootLookup;

    // The root's gate when its rows are named by key (and so must be found); null when every root row exists.
    private ColumnId? RootGateColumn(PlanNode root, IReadOnlyList<ColumnId> inputs)
    {
        if (_rowsGiven || root.Class.PrimaryKey is not { } pk) return null;
        var given = root.Class.Features.Where(f => inputs.Contains(root.Column(f))).ToList();
        if (given.Contains(pk))
        {
            // Other features of the root class given as inputs describe the row themselves: it exists wherever its key does.
            _rootDefinedByInputs = given.Count > 1;
            return root.GateColumn;
        }
        // Named by another key (customer.email): the row is the one a lookup keyed by exactly those inputs finds.
        _rootLookup = given.Count == 0 ? null : _definitions.Resolvers.OfType<SqlResolverDefinition>().FirstOrDefault(r =>
            r.Class == root.Class && Serves(r) && r.Columns.Any(c => c.Feature == pk) && r.Placeholders.Count == given.Count
            && r.Placeholders.All(p => p.Steps.Count == 1 && given.Contains(p.Feature)));
        return _rootLookup is null ? null : root.GateColumn;
    }

    /// <summary>The column whose null rows do not exist at <paramref name="node"/>, planning it if needed; null when every row exists.</summary>
    private ColumnId? GateOf(PlanNode node)
    {
        if (node.Parent is not null)
        {
            var pk = node.Class.PrimaryKey!;
            Require(node, pk);
            return node.Column(pk);
        }
        if (_rootGate is null) return null;
        if (!_byKey.ContainsKey(StepKey.Exists(node)))
        {
            if (_rootLookup is { } lookup)
            {
                AddResolve(node, lookup, null);
                var keyFeature = lookup.Placeholders[0].Feature;
                Add(new LogicalExistence(node, keyFeature, node.Column(keyFeature), null, [FoundColumn(node, lookup)], _rootGate), StepKey.Exists(node));
                return _rootGate;
            }
            var pk = node.Class.PrimaryKey!;
            var found = _rootDefinedByInputs ? [] : RowLookups(node);
            Add(new LogicalExistence(node, pk, node.Column(pk), null, found, _rootGate), StepKey.Exists(node));
        }
        return _rootGate;
    }

    // A has-one node's key column is the parent's foreign key where the related row exists, null where it does not.
    private void RequireHasOneKey(PlanNode node, FeatureDefinition pk, ColumnId column)
    {
        var parent = node.Parent!;
        var fk = node.Relation!.ForeignKey!;
        Require(parent, fk);
        var parentGate = GateOf(parent);
        var found = RowLookups(node);
        Add(new LogicalExistence(node, fk, parent.Column(fk), parentGate, found, column), StepKey.Exists(node));
    }

    /// <summary>Plans every row-defining lookup of the node's class (SQL resolvers keyed by its primary key that serve
    /// this query) and returns their found columns.</summary>
    private List<ColumnId> RowLookups(PlanNode node)
    {
        var found = new List<ColumnId>();
        if (node.Class.PrimaryKey is not { } pk) return found;
        foreach (var r in _definitions.Resolvers.OfType<SqlResolverDefinition>().Where(r => r.Class == node.Class && Serves(r) && DefinesRows(r, pk)))
        {
            AddResolve(node, r, r.IsTable ? pk : null);
            found.Add(FoundColumn(node, r));
        }
        return found;
    }

    private static bool DefinesRows(SqlResolverDefinition r, FeatureDefinition pk)
        => r.IsTable
            ? r.Columns.Any(c => c.Feature == pk)
            : r.Placeholders.Count == 1 && r.Placeholders[0].Steps.Count == 1 && r.Placeholders[0].Feature == pk;

    // Named by the file (its origin only when two files of the class share a name), so plans read the same on every machine.
    private ColumnId FoundColumn(PlanNode node, ResolverDefinition r)
        => ColumnId.Found(node.Prefix, _definitions.Resolvers.Count(x => x.Class == r.Class && x.Name == r.Name) > 1 ? r.Origin : r.Name);

    /// <summary>The column a lookup at the node is keyed by: the root's primary key, or the parent's foreign key (the
    /// node's own key column says whether the row exists, which is what the lookup decides).</summary>
    private ColumnId KeyColumn(PlanNode node)
    {
        if (node.Parent is null)
        {
            var pk = node.Class.PrimaryKey!;
            Require(node, pk);
            return node.Column(pk);
        }
        var fk = node.Relation!.ForeignKey!;
        // Keyed by the parent's own primary key (product -> catalog entry by product.id): at a has-one parent that
        // column is the parent's existence-checked key, known only after the parent's lookups. The parent's own lookup
        // key holds the same value wherever the parent exists, so keyed by it this node's lookups run alongside the
        // parent's. What they find under a parent that does not exist must never be read: the lookups are masked by
        // the parent's existence (AddResolve), and this node's existence still reads the checked key.
        if (KeyedAboveParentCheck(node)) return KeyColumn(node.Parent);
        Require(node.Parent, fk);
        return node.Parent.Column(fk);
    }

    /// <summary>Whether the node's lookups are keyed by its parent's lookup key rather than the parent's checked key.</summary>
    private static bool KeyedAboveParentCheck(PlanNode node)
        => node.Parent?.Parent is not null && node.Relation!.ForeignKey!.IsPrimary;

    // A SQL resolver's placeholder or lookup key that is a has-one node's own primary key reads the parent's foreign key.
    private static bool IsHasOneKey(PlanNode node, FeaturePath input)
        => node.Parent is not null && input.Steps.Count == 1 && input.Feature.IsPrimary;
}
