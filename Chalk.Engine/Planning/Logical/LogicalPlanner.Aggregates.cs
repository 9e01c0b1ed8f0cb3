using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Expressions;
using Chalk.Planning.Physical;
using Chalk.Resolvers;

namespace Chalk.Planning.Logical;

internal sealed partial class LogicalPlanner
{
    /// <summary>The aggregates of a lifted body, distinct; empty when the body is not lifted or has none.</summary>
    private IReadOnlyList<AggregateExpr> LiftedAggregates(ResolverDefinition r)
        => _definitions.Lifts.TryGetValue(r, out var lift) && lift.Lifted ? AggregateNodes.In(lift.Expression!) : [];

    /// <summary>Plans an aggregate at a node: pushed into the child resolver's DuckDB source when it can be, else
    /// computed over the fetched child rows (an aggregate of aggregates over each child row's relation reads those from
    /// the child plan, see <see cref="NestedAggregates"/>). Returns the columns its value and error land in.</summary>
    private AggregateColumns RequireAggregate(PlanNode node, AggregateExpr aggregate)
    {
        var parts = aggregate.Relation.Split('.');
        var at = node;
        FeatureDefinition? relation = null;
        for (int i = 0; i < parts.Length; i++)
        {
            var f = at.Class.Find(parts[i]) ?? throw new ChalkInternalException($"aggregate over unknown relation {aggregate.Relation} at {node}");
            if (i < parts.Length - 1)
            {
                if (f.Kind != FeatureKind.HasOne) throw new ChalkInternalException($"aggregate relation {aggregate.Relation} passes through {f.Path}, which is not has-one");
                Require(at, f.ForeignKey!);
                at = at.HasOne(f);
            }
            else relation = f;
        }
        if (relation is not { Kind: FeatureKind.HasMany }) throw new ChalkInternalException($"aggregate relation {aggregate.Relation} is not has-many");
        var fetch = _definitions.FetchersOf(relation).FirstOrDefault(Serves)
            ?? throw new ChalkPlanException(
                $"no resolver can list {at.Column(relation)}: add a .chalk.sql file resolving {relation.Target!.ClrType.Name} without placeholders, or one keyed by ${{{relation.ForeignKey!.Path}}}");
        var inner = NestedAggregates.Inner(aggregate);
        // A computed child feature is inlined only where the statement can run at all: the source pushes down and the file is a table.
        var inlining = inner.Count == 0 && _definitions.InlineChildResolvers && fetch is { IsTable: true, Source.AggregatePushdown: not null }
            ? ChildResolverInlining.Apply(aggregate, fetch, relation, _definitions, Serves)
            : null;
        var reason = inner.Count > 0
            ? $"it aggregates {string.Join(", ", inner)} per {relation.Target!.Name} row, which {relation.Target.Name}'s plan computes first"
            : AggregatePushdown.WhyNot(inlining?.Aggregate ?? aggregate, fetch, relation, inlining);
        var mode = reason is null ? AggregateMode.Pushdown : AggregateMode.InEngine;
        var key = StepKey.Aggregate(at, relation, mode);
        if (!_byKey.TryGetValue(key, out var existing))
        {
            var created = new LogicalAggregate(at, relation, fetch, mode) { Gate = GateOf(at), MasksAfter = true };
            // Keyed by the key as looked up (a has-one's foreign key), not the node's existence-checked key, so the
            // statement runs with the lookups that decide existence; the gate masks it afterwards.
            created.Inputs.Add(KeyColumn(at));
            created.Inputs.Add(ColumnId.QueryTime);
            if (mode == AggregateMode.InEngine)
            {
                created.HasMany = RequireHasMany(at, relation);
                created.Inputs.Add(created.HasMany.FrameName);
            }
            Add(created, key);
            existing = created;
        }
        var step = (LogicalAggregate)existing;
        if (mode == AggregateMode.InEngine)
        {
            var hasMany = RequireHasMany(at, relation);
            foreach (var column in AggregateNodes.ChildColumns(aggregate))
            {
                var path = _definitions.Registry.TryResolve(column, out var error)
                    ?? throw new ChalkInternalException($"aggregate {aggregate} reads {column}: {error}");
                hasMany.ChildOutputs.Add(path);
            }
            foreach (var a in inner)
            {
                var atChild = NestedAggregates.AtChild(a, relation.Target!.Name);
                if (!hasMany.ChildAggregates.Contains(atChild)) hasMany.ChildAggregates.Add(atChild);
            }
        }
        var columns = step.Add(aggregate, reason, mode == AggregateMode.Pushdown ? inlining : null);
        _produced[columns.Value] = step;
        _produced[columns.Error] = step;
        return columns;
    }
}
