using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Resolvers;

namespace Chalk.Planning.Logical;

internal sealed partial class LogicalPlanner
{
    private void RequireResolved(PlanNode node, FeatureDefinition f, ColumnId column)
    {
        var candidates = _definitions.ResolversOf(f).Where(Serves).ToList();
        if (candidates.Count == 0)
        {
            throw new ChalkPlanException(
                $"no resolver computes {column} ({f.Member}){(_online && _definitions.ResolversOf(f).Count > 0 ? " in online queries (its SQL files are '-- type: offline')" : "")}, and it is not a query input; " +
                $"add it to a .chalk.sql file resolving {f.Owner.ClrType.Name}, write a [Resolver(Output = \"{f.Path}\")] method, or pass it as an input");
        }
        ChalkPlanException? first = null;
        foreach (var r in candidates)
        {
            var lookupKey = r is SqlResolverDefinition { IsTable: true } ? f.Owner.PrimaryKey : null;
            if (r is SqlResolverDefinition { IsTable: true } && (lookupKey is null || lookupKey == f)) continue;
            int stepCount = _steps.Count;
            var produced = _produced.Keys.ToHashSet();
            var keys = _byKey.Keys.ToHashSet();
            try
            {
                AddResolve(node, r, lookupKey);
                return;
            }
            catch (ChalkPlanException ex)
            {
                first ??= ex;
                Rollback(stepCount, produced, keys);
            }
        }
        throw first ?? new ChalkPlanException(f.Owner.PrimaryKey == f
            ? $"{column} is the primary key {f.Owner.ClrType.Name}'s SQL files look rows up by, and no resolver computes it, so the query needs it as an input; give {column}"
            : $"no resolver computes {column}: {f.Owner.ClrType.Name}'s SQL files have no placeholders and {f.Owner.ClrType.Name} has no primary key to look rows up by");
    }

    private void AddResolve(PlanNode node, ResolverDefinition r, FeatureDefinition? lookupKey)
    {
        var key = StepKey.Resolve(node, r);
        if (_byKey.ContainsKey(key)) return;
        var step = new LogicalResolve(r, node, lookupKey);
        bool sql = r is SqlResolverDefinition;
        if (lookupKey is not null)
        {
            if (lookupKey.IsPrimary) step.Inputs.Add(KeyColumn(node));
            else
            {
                Require(node, lookupKey);
                step.Inputs.Add(node.Column(lookupKey));
            }
        }
        var aggregates = LiftedAggregates(r);
        bool lifted = _definitions.Lifts.TryGetValue(r, out var outcome) && outcome.Lifted;
        foreach (var input in r.Inputs)
        {
            // A lifted body reads its relations only through its aggregates, which are planned below (none: it reads
            // what it needs of them through features with a max staleness, bound as columns).
            if (lifted && input.Steps.Any(s => s.Kind == FeatureKind.HasMany)) continue;
            if (sql && IsHasOneKey(node, input))
            {
                step.Inputs.Add(KeyColumn(node));
                continue;
            }
            RequirePath(node, input.Steps, 0);
            step.Inputs.Add(node.Column(input));
        }
        foreach (var a in aggregates)
        {
            var columns = RequireAggregate(node, a);
            step.Aggregates[a] = columns;
            step.Inputs.Add(columns.Value);
            step.Inputs.Add(columns.Error);
        }
        if (r is ComputedPropertyDefinition { Feature.Window: not null }) step.Inputs.Add(ColumnId.QueryTime);
        foreach (var o in r.Outputs)
        {
            // A lookup is keyed by a has-one node's key; whether that key stands for a row is the existence step's to say.
            if (sql && node.Parent is not null && o.IsPrimary) continue;
            var col = node.Column(o);
            if (!_produced.ContainsKey(col)) step.Outputs.Add((col, o));
        }
        if (sql)
        {
            step.FoundColumn = FoundColumn(node, r);
            step.Outputs.Add((step.FoundColumn, r.Outputs[0]));
            // Keyed above its parent's existence check, the lookup finds rows under parents that do not exist too; its
            // outputs are nulled there once the parent's existence is known, so no reader ever sees them.
            if (KeyedAboveParentCheck(node))
            {
                step.Gate = GateOf(node.Parent!);
                step.MasksAfter = true;
            }
        }
        else
        {
            step.Gate = GateOf(node);
            step.MasksAfter = _definitions.Lifts.TryGetValue(r, out var lift) && lift.Lifted;
        }
        Add(step, key);
    }

    private void Add(LogicalStep step, StepKey key)
    {
        _byKey[key] = step;
        _steps.Add(step);
        foreach (var (col, _) in step.Outputs) _produced[col] = step;
        if (step is LogicalHasMany h) _produced[h.FrameName] = step;
    }

    private void Rollback(int stepCount, HashSet<ColumnId> produced, HashSet<StepKey> keys)
    {
        _steps.RemoveRange(stepCount, _steps.Count - stepCount);
        foreach (var k in _produced.Keys.Where(k => !produced.Contains(k)).ToList()) _produced.Remove(k);
        foreach (var k in _byKey.Keys.Where(k => !keys.Contains(k)).ToList()) _byKey.Remove(k);
    }

    private static void AssignLevels(List<LogicalStep> steps, IReadOnlyList<ColumnId> inputs)
    {
        var levelOf = inputs.ToDictionary(i => i, _ => -1);
        foreach (var s in steps)
        {
            var reads = s.MasksAfter ? s.Inputs : s.Inputs.Append(s.Gate).OfType<ColumnId>();
            s.Level = 1 + reads.Select(i => levelOf.GetValueOrDefault(i, -1)).DefaultIfEmpty(-1).Max();
            // A step masked afterwards has final outputs only once its gate is known too.
            int ready = s.MasksAfter && s.Gate is not null ? Math.Max(s.Level, levelOf.GetValueOrDefault(s.Gate, -1)) : s.Level;
            foreach (var (col, _) in s.Outputs) levelOf[col] = ready;
            if (s is LogicalHasMany h) levelOf[h.FrameName] = ready;
        }
    }
}
