using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Execution.Fallback;
using Chalk.Execution.Nodes;
using Chalk.Expressions;
using Chalk.Lifting;
using Chalk.Planning.Logical;
using Chalk.Resolvers;
using Chalk.Sql.Aggregation;

namespace Chalk.Planning.Physical;

/// <summary>Turns each logical step into an operator: SQL lookups, has-many fetches, aliases and per-row fallbacks.</summary>
internal static class PhysicalPlanner
{
    public static PhysicalPlan Plan(LogicalPlan logical, IReadOnlyDictionary<ResolverDefinition, LiftOutcome> lifts)
    {
        var frames = logical.Steps.OfType<LogicalHasMany>().Select(h => h.FrameName).ToHashSet();
        var levels = logical.Steps.GroupBy(s => s.Level).OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<PhysicalNode>)g.Select(s => Node(s, frames, lifts)).ToList()).ToList();
        return new PhysicalPlan(logical, levels);
    }

    internal static PhysicalNode Node(LogicalStep step, HashSet<ColumnId> frames, IReadOnlyDictionary<ResolverDefinition, LiftOutcome> lifts)
    {
        var node = Create(step, frames, lifts);
        node.Gate = step.Gate;
        node.MasksAfter = step.MasksAfter;
        return node;
    }

    // SQLite runs a statement per parameter row: a fetch for fifty thousand keys was fifty thousand executions. A
    // table-shaped file with a 64-bit integer key column is fetched in one statement for a JSON list of the keys.
    private static bool FetchesByKeyList(LogicalHasMany h)
        => h.Fetch is { IsTable: true } && h.Fetch.Source.KeyListFilter("k") is not null
           && h.Node.Class.PrimaryKey!.Type!.Kind == Definitions.ScalarKind.Int64
           && h.Fetch.Columns.FirstOrDefault(c => c.Feature == h.Relation.ForeignKey) is { SourceType: Apache.Arrow.Types.Int64Type };

    private static ArrowAggregateNode InEngineAggregate(LogicalAggregate agg, HashSet<ColumnId> frames, IReadOnlySet<ColumnId> writes)
    {
        var child = agg.Relation.Target!;
        var orderColumn = child.PrimaryKey?.Path ?? throw new ChalkPlanException($"{child.ClrType.Name} has no primary key to order {agg.FrameName}'s rows by; add [Primary]");
        var lifted = agg.Aggregates.Select(a => a.Aggregate).ToList();
        bool nested = lifted.Any(AggregateNodes.IsNested);
        var inner = agg.HasMany?.Child?.Aggregates ?? new Dictionary<AggregateExpr, AggregateColumns>();
        AggregateColumns ColumnsOf(AggregateExpr a) => inner.TryGetValue(a, out var c) ? c
            : throw new ChalkInternalException($"{agg.FrameName}'s child plan does not compute the nested aggregate {a}");
        // The aggregates name the child columns they read; the child plan knows them by identity.
        var childPlan = agg.HasMany?.Child ?? throw new ChalkInternalException($"{agg.FrameName} is aggregated in the engine without its rows fetched");
        ColumnId ChildColumn(string name) => childPlan.ColumnNamed(name);
        var computed = nested ? lifted.Select(a => NestedAggregates.Substitute(a, child.Name, ColumnsOf, withErrors: false)).ToList() : null;
        var withErrors = nested ? lifted.Select(a => NestedAggregates.Substitute(a, child.Name, ColumnsOf, withErrors: true)).ToList() : null;
        return new ArrowAggregateNode
        {
            Inputs = agg.Inputs.Where(i => !frames.Contains(i)).ToList(),
            ChildInputs = [agg.FrameName],
            Outputs = agg.Outputs.Select(o => o.Column).ToList(),
            Writes = writes,
            FrameName = agg.FrameName,
            OrderColumn = orderColumn,
            Aggregates = agg.Aggregates.Select(a => (a.Aggregate, a.Reason!)).ToList(),
            Computed = computed,
            ComputedWithErrors = withErrors,
            InnerErrorColumns = nested ? lifted.SelectMany(NestedAggregates.Inner).Select(a => ColumnsOf(NestedAggregates.AtChild(a, child.Name)).Error).Distinct().ToList() : [],
            ChildColumns = (withErrors ?? lifted).SelectMany(AggregateNodes.ChildColumns).Append(orderColumn).Append(QueryTime.Column).Distinct().Select(ChildColumn).ToList(),
        };
    }

    private static PhysicalNode Create(LogicalStep step, HashSet<ColumnId> frames, IReadOnlyDictionary<ResolverDefinition, LiftOutcome> lifts)
    {
        var writes = step.Outputs.Select(o => o.Column).ToHashSet();
        if (step is LogicalResolve { Resolver: var body } lr && lifts.TryGetValue(body, out var lift) && lift.Lifted)
            return LiftedNodes.Create(lr, lift, writes);
        switch (step)
        {
            case LogicalAggregate { Mode: AggregateMode.Pushdown } agg:
                var pushdown = agg.Fetch.Source.AggregatePushdown
                    ?? throw new ChalkInternalException($"{agg.Fetch.Name}: aggregates planned as pushed down on a source without aggregate pushdown");
                var (exact, hoisted, hoisting) = AggregatePushdown.Statements(pushdown, agg.Fetch, agg.Relation, agg.Pushed);
                return new SqlAggregateNode
                {
                    Inputs = agg.Inputs,
                    Outputs = agg.Outputs.Select(o => o.Column).ToList(),
                    Writes = writes,
                    Pushdown = pushdown,
                    Statement = exact,
                    HoistedStatement = hoisted,
                    KeyExpressions = hoisted is null ? null : SqlAggregateNode.CompileKeyExpressions(hoisting),
                    KeyType = agg.Node.Class.PrimaryKey!.Type!,
                    ByKey = KeyedAggregation.Create(agg.Fetch, agg.Relation, exact.Columns.Select(c => c.Aggregate).ToList()),
                    Origin = agg.Fetch.Name,
                    Lifted = agg.Aggregates.Select(a => a.Aggregate).ToList(),
                    Inlined = agg.Inlined,
                };
            case LogicalAggregate agg:
                return InEngineAggregate(agg, frames, writes);
            case LogicalExistence e:
                return new ExistenceNode
                {
                    Inputs = e.Inputs,
                    Outputs = [e.Output],
                    Writes = writes,
                    HasParentGate = e.ParentGate is not null,
                    KeyType = e.KeyFeature.Type!,
                    KeyFeature = e.Key.Name,
                    NodePath = e.Node.Prefix,
                    Class = e.Node.Class,
                };
            case LogicalHasMany h:
                bool keyList = FetchesByKeyList(h);
                var fetched = h.FetchedColumns.Select(c => c.Column).ToList();
                return new HasManyNode
                {
                    Inputs = h.Inputs,
                    Outputs = [],
                    Writes = writes,
                    Fetch = h.Fetch,
                    Query = keyList ? SqlResolverBinder.FilteredByKeyList(h.Fetch, h.Relation.ForeignKey!, fetched)
                        : h.Fetch.IsTable ? SqlResolverBinder.FilteredBy(h.Fetch, h.Relation.ForeignKey!, fetched)
                        : SqlResolverBinder.AsWritten(h.Fetch),
                    QueryUntil = !keyList && h.Fetch.IsTable && h.Relation.Target!.TimeFeature is { } time
                        ? SqlResolverBinder.FilteredByUntil(h.Fetch, h.Relation.ForeignKey!, time, fetched)
                        : null,
                    KeyListColumn = keyList ? h.Fetch.Columns.First(c => c.Feature == h.Relation.ForeignKey).Column : null,
                    Columns = h.FetchedColumns,
                    KeyType = h.Node.Class.PrimaryKey!.Type!,
                    Child = h.Relation.Target!,
                    ChildPlan = Plan(h.Child!, lifts),
                    FrameName = h.FrameName,
                };
            case LogicalResolve { Resolver: SqlResolverDefinition sql } r:
                // Only the columns this plan takes from the lookup are read and gathered: a lookup run only to learn
                // which rows exist reads the key alone.
                var taken = sql.Columns.Where(c => writes.Contains(r.Node.Column(c.Feature))).ToList();
                return new SqlLookupNode
                {
                    Inputs = r.Inputs,
                    Outputs = taken.Select(c => r.Node.Column(c.Feature)).Append(r.FoundColumn!).ToList(),
                    Writes = writes,
                    Resolver = sql,
                    Query = r.LookupKey is null ? SqlResolverBinder.AsWritten(sql) : SqlResolverBinder.FilteredBy(sql, r.LookupKey, taken.Select(c => c.Column).ToList()),
                    KeyTypes = r.LookupKey is null ? sql.Placeholders.Select(p => p.Feature.Type!).ToList() : [r.LookupKey.Type!],
                    Columns = taken.Select(c => (c.Column, c.Feature)).ToList(),
                };
            case LogicalResolve { Resolver: MethodResolverDefinition { IsAsync: true } m } r:
                return new ExternalCallNode
                {
                    Inputs = r.Inputs,
                    Outputs = m.Outputs.Select(r.Node.Column).ToList(),
                    Writes = writes,
                    Resolver = m,
                    Invoke = MemberAccess.AsyncInvoker(m.Method),
                    Retry = ExternalCallNode.RetryPipeline(m.External!),
                    OutputGetters = m.Shape == MethodOutputShape.Instance ? m.Outputs.Select(o => MemberAccess.Getter(o.StoredProperty)).ToList() : [],
                };
            case LogicalResolve { Resolver: MethodResolverDefinition m } r:
                return new MethodFallbackNode
                {
                    Inputs = r.Inputs,
                    Outputs = m.Outputs.Select(r.Node.Column).ToList(),
                    Writes = writes,
                    Resolver = m,
                    Invoke = MemberAccess.Invoker(m.Method),
                    NotLifted = lifts.TryGetValue(m, out var ml) ? ml.Reason : null,
                    OutputGetters = m.Shape == MethodOutputShape.Instance ? m.Outputs.Select(o => MemberAccess.Getter(o.StoredProperty)).ToList() : [],
                };
            case LogicalResolve { Resolver: ComputedPropertyDefinition c } r:
                var scalarInputs = r.Inputs.Where(i => !frames.Contains(i)).Distinct().ToList();
                return new ComputedFallbackNode
                {
                    Inputs = scalarInputs,
                    ChildInputs = r.Inputs.Where(i => frames.Contains(i)).Distinct().ToList(),
                    Outputs = [r.Node.Column(c.Feature)],
                    Writes = writes,
                    Resolver = c,
                    Materializer = new ObjectMaterializer(c.Reads, r.Node),
                    Getter = MemberAccess.Computed(c.Feature),
                    NotLifted = lifts.TryGetValue(c, out var cl) ? cl.Reason : null,
                };
            default:
                throw new ChalkInternalException($"no operator for {step.Describe()}");
        }
    }
}
