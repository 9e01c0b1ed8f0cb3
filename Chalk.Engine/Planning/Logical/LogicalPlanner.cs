using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Resolvers;

namespace Chalk.Planning.Logical;

/// <summary>Chooses the resolvers that turn a query's inputs into its outputs, and orders them.</summary>
internal sealed partial class LogicalPlanner
{
    private readonly EngineDefinitions _definitions;
    private readonly Dictionary<ColumnId, LogicalStep?> _produced = [];
    private readonly List<LogicalStep> _steps = [];
    private readonly Dictionary<StepKey, LogicalStep> _byKey = [];
    private readonly List<ColumnId> _visiting = [];

    private readonly bool _online;

    // A has-many child frame's rows were fetched, so they exist; a query's root rows are looked up.
    private readonly bool _rowsGiven;

    private LogicalPlanner(EngineDefinitions definitions, bool online, bool rowsGiven)
    {
        _definitions = definitions;
        _online = online;
        _rowsGiven = rowsGiven;
    }

    /// <summary>Plans the columns <paramref name="inputs"/> (full paths at the root) into <paramref name="outputs"/>.</summary>
    /// <remarks>An online query is not served by <c>-- type: offline</c> SQL resolvers.</remarks>
    /// <remarks>When <c>rowsGiven</c> the root rows are known to exist (a has-many relation's fetched child rows);
    /// otherwise a root row given by its primary key exists only when a row-defining resolver finds it.</remarks>
    /// <exception cref="ChalkPlanException">An output has no resolver, or every way to compute it is a cycle.</exception>
    /// <remarks>With <paramref name="store"/>, the plan also lists its <see cref="LogicalPlan.StoreTargets"/>: the columns it
    /// computes whose features the online store may hold, with their rows' keys and gates (planned if needed).</remarks>
    /// <remarks>With <paramref name="aggregates"/>, the plan also computes those aggregates of the root class (see
    /// <see cref="LogicalPlan.Aggregates"/>).</remarks>
    public static LogicalPlan Plan(EngineDefinitions definitions, FeatureClassDefinition root, IReadOnlyList<ColumnId> inputs, IReadOnlyList<FeaturePath> outputs,
        bool online, bool rowsGiven = false, StorePlanning? store = null, IReadOnlyList<Chalk.Expressions.AggregateExpr>? aggregates = null)
    {
        var planner = new LogicalPlanner(definitions, online, rowsGiven);
        foreach (var i in inputs) planner._produced[i] = null;
        foreach (var k in store?.Known ?? []) planner._produced[k] = null;
        planner._produced[ColumnId.QueryTime] = null;
        var node = PlanNode.Root(root);
        planner._rootGate = planner.RootGateColumn(node, inputs);
        var gates = new List<ColumnId?>();
        foreach (var o in outputs)
        {
            planner.RequirePath(node, o.Steps, 0);
            // Every feature of a row that does not exist is null, whatever produced it (an input echoed, a key).
            gates.Add(planner.GateOf(node.At(o)));
        }
        var aggregateColumns = new Dictionary<Chalk.Expressions.AggregateExpr, AggregateColumns>();
        foreach (var a in aggregates ?? []) aggregateColumns[a] = planner.RequireAggregate(node, a);
        var outputColumns = outputs.Select(o => node.Column(o)).Concat(gates.OfType<ColumnId>())
            .Concat(aggregateColumns.Values.SelectMany(c => new[] { c.Value, c.Error })).ToList();
        var targets = store is null || rowsGiven ? [] : planner.StoreTargets(store.Cached, outputColumns, GivenValues(root, inputs));
        planner.PruneUnreadLookupColumns(outputColumns.Concat(targets.SelectMany(t => new[] { t.Column, t.KeyColumn, t.Gate }).OfType<ColumnId>()));
        foreach (var hasMany in planner._steps.OfType<LogicalHasMany>())
        {
            var childRoot = PlanNode.Root(hasMany.Relation.Target!);
            var childInputs = hasMany.Fetch.Columns.Select(c => childRoot.Column(c.Feature)).Append(ColumnId.QueryTime).ToList();
            hasMany.Child = Plan(definitions, hasMany.Relation.Target!, childInputs, hasMany.ChildOutputs.Distinct().ToList(), online, rowsGiven: true,
                aggregates: hasMany.ChildAggregates);
            hasMany.FetchedColumns = FetchedColumns(hasMany);
        }
        AssignLevels(planner._steps, inputs.Append(ColumnId.QueryTime).Distinct().ToList());
        return new LogicalPlan(root, inputs.Where(i => i.Kind != ColumnKind.QueryTime).ToList(), outputs, planner._steps, gates)
        {
            StoreTargets = targets,
            Aggregates = aggregateColumns,
            Known = store?.Known.ToList() ?? [],
        };
    }

    // The fetch's columns the child frame needs: those its plan reads or returns, and the key and time that order the
    // rows and decide their visibility. DuckDB then reads only these columns, and the engine gathers only these.
    private static List<SqlColumnBinding> FetchedColumns(LogicalHasMany hasMany)
    {
        var child = hasMany.Child!;
        var node = PlanNode.Root(child.Root);
        var read = new HashSet<ColumnId>(child.Outputs.Select(o => node.Column(o)));
        foreach (var s in child.Steps)
        {
            read.UnionWith(s.Inputs);
            if (s.Gate is not null) read.Add(s.Gate);
        }
        var target = hasMany.Relation.Target!;
        return hasMany.Fetch.Columns
            .Where(c => c.Feature == target.PrimaryKey || c.Feature == target.TimeFeature || read.Contains(node.Column(c.Feature)))
            .ToList();
    }

    // The columns this plan computes (and reads or returns) whose features the store may hold, with each row's key and
    // gate planned, so that a value can be written back under its row's key only where the row exists.
    private List<StoreTarget> StoreTargets(Func<FeatureDefinition, bool> cached, IReadOnlyList<ColumnId> outputColumns, IReadOnlyList<ColumnId> givenValues)
    {
        var read = ReadColumns(outputColumns);
        var fromGiven = ComputedFrom(givenValues);
        var targets = new List<StoreTarget>();
        foreach (var step in _steps.OfType<LogicalResolve>().ToList())
        {
            foreach (var (column, feature) in step.Outputs.ToList())
            {
                if (feature.Kind != FeatureKind.Scalar || feature.IsPrimary || !cached(feature) || !read.Contains(column) || fromGiven.Contains(column)) continue;
                var node = step.Node;
                var pk = node.Class.PrimaryKey;
                if (pk is null) continue;
                Require(node, pk);
                var gate = GateOf(node);
                var readKey = node.Parent is null ? node.Column(pk) : node.Parent.Column(node.Relation!.ForeignKey!);
                targets.Add(new StoreTarget(column, feature, node.Column(pk), readKey, gate));
            }
        }
        return targets;
    }

    // The inputs that describe the row rather than name it: every input but the one naming the row (its primary key,
    // or the one key a lookup finds it by). Entries are keyed by the row's key alone, so a value computed from these
    // is not the row's value (docs/concepts.md: such inputs describe the row and it is not looked up).
    private static IReadOnlyList<ColumnId> GivenValues(FeatureClassDefinition root, IReadOnlyList<ColumnId> inputs)
    {
        var given = inputs.Where(i => i != ColumnId.QueryTime).ToList();
        if (given.Count <= 1) return [];
        var key = root.PrimaryKey is null ? null : PlanNode.Root(root).Column(root.PrimaryKey);
        return given.Where(i => i != key).ToList();
    }

    // The columns computed, directly or through other steps, from the given columns (a step reading one, or gated by one).
    private HashSet<ColumnId> ComputedFrom(IReadOnlyList<ColumnId> given)
    {
        var tainted = new HashSet<ColumnId>(given);
        if (tainted.Count == 0) return tainted;
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach (var s in _steps)
                if (s.Inputs.Any(tainted.Contains) || (s.Gate is not null && tainted.Contains(s.Gate)))
                    foreach (var (column, _) in s.Outputs)
                        grew |= tainted.Add(column);
        }
        return tainted;
    }

    // The columns some step reads (as input or gate) or the query returns.
    private HashSet<ColumnId> ReadColumns(IEnumerable<ColumnId> outputColumns)
    {
        var read = new HashSet<ColumnId>(outputColumns);
        foreach (var s in _steps)
        {
            read.UnionWith(s.Inputs);
            if (s.Gate is not null) read.Add(s.Gate);
        }
        return read;
    }

    // A lookup is planned with every column of its file, so later requirements can reuse it; once the plan is complete,
    // the columns nothing reads are dropped, so a lookup run only to learn which rows exist reads just the key.
    private void PruneUnreadLookupColumns(IEnumerable<ColumnId> outputColumns)
    {
        var read = ReadColumns(outputColumns);
        foreach (var s in _steps.OfType<LogicalResolve>().Where(s => s.Resolver is SqlResolverDefinition))
            s.Outputs.RemoveAll(o => !o.Column.Equals(s.FoundColumn) && !read.Contains(o.Column));
    }

    private void RequirePath(PlanNode node, IReadOnlyList<FeatureDefinition> steps, int index)
    {
        var f = steps[index];
        if (index == steps.Count - 1)
        {
            if (f.Kind == FeatureKind.HasMany) RequireHasMany(node, f);
            else Require(node, f);
            return;
        }
        switch (f.Kind)
        {
            case FeatureKind.HasOne:
                Require(node, f.ForeignKey!);
                RequirePath(node.HasOne(f), steps, index + 1);
                break;
            case FeatureKind.HasMany:
                var hasMany = RequireHasMany(node, f);
                hasMany.ChildOutputs.Add(new FeaturePath(f.Target!, steps.Skip(index + 1).ToList()));
                break;
            default:
                throw new ChalkInternalException($"path through scalar {f.Path}");
        }
    }

    private void Require(PlanNode node, FeatureDefinition f)
    {
        if (f.Kind == FeatureKind.HasOne) { Require(node, f.ForeignKey!); return; }
        if (f.Kind == FeatureKind.HasMany)
            throw new ChalkPlanException($"{node.Column(f)} is a has-many relation, not a value; ask for a feature computed from it (e.g. a count or sum)");
        var column = node.Column(f);
        if (_produced.ContainsKey(column)) return;
        int at = _visiting.IndexOf(column);
        if (at >= 0)
        {
            var cycle = _visiting.Skip(at).Append(column).ToList();
            throw new ChalkCycleException(cycle.Select(c => c.Name).ToList(), $"cycle: {string.Join(" -> ", cycle)}; break it by giving one of these a resolver that does not need the others");
        }
        _visiting.Add(column);
        try
        {
            if (f.IsPrimary && node.Parent is not null) RequireHasOneKey(node, f, column);
            else RequireResolved(node, f, column);
        }
        finally
        {
            _visiting.RemoveAt(_visiting.Count - 1);
        }
    }

    /// <summary>Whether a resolver may serve this query: offline SQL files serve batch queries only.</summary>
    private bool Serves(ResolverDefinition r) => !(_online && r is SqlResolverDefinition { File.Kind: Chalk.Sql.Files.SqlResolverKind.Offline });

    private LogicalHasMany RequireHasMany(PlanNode node, FeatureDefinition relation)
    {
        var key = StepKey.HasMany(node, relation);
        if (_byKey.TryGetValue(key, out var existing)) return (LogicalHasMany)existing;
        var fetch = _definitions.FetchersOf(relation).FirstOrDefault(Serves)
            ?? throw new ChalkPlanException(
                $"no resolver can list {node.Column(relation)}: add a .chalk.sql file resolving {relation.Target!.ClrType.Name} without placeholders, or one keyed by ${{{relation.ForeignKey!.Path}}}");
        // The fetch runs no user code itself, so it runs with the lookups that decide existence and is masked afterwards.
        var step = new LogicalHasMany(node, relation, fetch) { Gate = GateOf(node), MasksAfter = true };
        step.Inputs.Add(KeyColumn(node));
        step.Inputs.Add(ColumnId.QueryTime);
        Add(step, key);
        return step;
    }
}
