using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Execution.Arrow;
using Chalk.Execution.Nodes;
using Chalk.Expressions;
using Chalk.Planning.Logical;
using Chalk.Planning.Physical;
using Chalk.Resolvers;

namespace Chalk.Lifting;

/// <summary>Checks a lifted body with aggregates against its compiled getter: random parent rows, each with random child
/// rows (some with none), aggregated in the engine and fed to the lifted expression, versus LINQ over the built objects.</summary>
internal static class AggregateVerification
{
    public static async Task<LiftVerification> VerifyAsync(ResolverDefinition resolver, LiftOutcome lift,
        IReadOnlyDictionary<ResolverDefinition, LiftOutcome> lifts, int rows, int seed, QueryContext context)
    {
        var random = new Random(seed);
        var root = PlanNode.Root(resolver.Class);
        var aggregates = AggregateNodes.In(lift.Expression!);
        var relations = aggregates.Select(a => a.Relation).Distinct().ToList();
        // Random frames are built one level deep: relations through has-one and nested aggregates are not checked here.
        if (relations.Any(r => r.Contains('.', StringComparison.Ordinal)) || aggregates.Any(AggregateNodes.IsNested))
            return new LiftVerification(resolver.Name, 0, []);

        var columns = new Dictionary<ColumnId, IArrowArray>();
        foreach (var input in resolver.Inputs.Where(i => i.IsSingleValued && i.Feature.Kind == FeatureKind.Scalar))
            columns.TryAdd(root.Column(input), RandomFeatureBatch.Column(input.Feature.Type!, rows, random));
        var asOf = RandomFeatureBatch.Column(QueryTime.Type, rows, random, missingRows: false);
        columns[ColumnId.QueryTime] = asOf;

        var frames = new Dictionary<ColumnId, ChildFrame>();
        var aggregateColumns = new Dictionary<AggregateExpr, AggregateColumns>();
        foreach (var relationName in relations)
        {
            var relation = resolver.Class.Find(relationName)!;
            var frame = RandomFrame(resolver, relation, aggregates.Where(a => a.Relation == relationName).ToList(), asOf, rows, random);
            var frameName = root.Column(relation);
            frames[frameName] = frame;
            var step = new LogicalAggregate(root, relation, null!, AggregateMode.InEngine);
            var mine = aggregates.Where(a => a.Relation == relationName).ToList();
            foreach (var a in mine) aggregateColumns[a] = step.Add(a, "verification");
            var node = new ArrowAggregateNode
            {
                Inputs = [],
                ChildInputs = [frameName],
                Outputs = step.Outputs.Select(o => o.Column).ToList(),
                Writes = new HashSet<ColumnId>(),
                FrameName = frameName,
                OrderColumn = relation.Target!.PrimaryKey!.Path,
                Aggregates = mine.Select(a => (a, "verification")).ToList(),
                ChildColumns = frame.State.Layout.Columns,
            };
            node.BindChildFrame(frame.State.Layout);
            var empty = new RecordBatch(new Schema([], null), [], rows);
            var output = await node.ExecuteAsync(empty, frames, context).ConfigureAwait(false);
            for (int i = 0; i < node.Outputs.Count; i++) columns[node.Outputs[i]] = output.Columns.Column(i);
        }

        var lifted = new LogicalResolve(resolver, root, null);
        foreach (var input in resolver.Inputs.Where(i => i.IsSingleValued)) lifted.Inputs.Add(root.Column(input));
        foreach (var (a, c) in aggregateColumns) { lifted.Aggregates[a] = c; lifted.Inputs.Add(c.Value); lifted.Inputs.Add(c.Error); }
        foreach (var o in resolver.Outputs) lifted.Outputs.Add((root.Column(o), o));
        var perRow = new LogicalResolve(resolver, root, null);
        foreach (var input in resolver.Inputs) perRow.Inputs.Add(root.Column(input));
        perRow.Inputs.Add(ColumnId.QueryTime);
        foreach (var o in resolver.Outputs) perRow.Outputs.Add((root.Column(o), o));

        var batch = new RecordBatch(new Schema(columns.Select(c => new Field(c.Key.Name, c.Value.Data.DataType, true)), null), columns.Values, rows);
        var liftedNode = PhysicalPlanner.Node(lifted, [], lifts);
        var perRowNode = PhysicalPlanner.Node(perRow, frames.Keys.ToHashSet(), new Dictionary<ResolverDefinition, LiftOutcome>());
        var a1 = await liftedNode.ExecuteAsync(ChalkEngine.Select(batch, liftedNode.Inputs.Where(i => columns.ContainsKey(i)).ToList()), frames, context).ConfigureAwait(false);
        var b1 = await perRowNode.ExecuteAsync(ChalkEngine.Select(batch, perRowNode.Inputs), frames, context).ConfigureAwait(false);
        return new LiftVerification(resolver.Name, rows, ChalkEngine.Compare(a1, b1, batch));
    }

    // Child rows in key order (the key is the row's position), about three per parent, a fifth of the parents with none.
    private static ChildFrame RandomFrame(ResolverDefinition resolver, FeatureDefinition relation, IReadOnlyList<AggregateExpr> aggregates,
        IArrowArray asOf, int parents, Random random)
    {
        var child = relation.Target!;
        var parentRows = new List<int>();
        for (int p = 0; p < parents; p++)
        {
            if (p % 5 == 0) continue;
            int n = random.Next(0, 7);
            for (int i = 0; i < n; i++) parentRows.Add(p);
        }
        int count = parentRows.Count;
        var read = resolver is ComputedPropertyDefinition c && c.Reads.Relations.TryGetValue(relation.Name, out var shape) ? shape.Scalars : [];
        // The aggregates read the child class's own features (one level deep, see above), named by their paths.
        var features = aggregates.SelectMany(AggregateNodes.ChildColumns).Select(name => child.Features.FirstOrDefault(f => f.Path == name))
            .Concat(read.Select(child.Find)).Distinct();
        var root = PlanNode.Root(child);
        var columns = new List<(ColumnId Column, IArrowArray Values)>();
        foreach (var f in features)
        {
            if (f?.Type is null || f.IsPrimary) continue;
            columns.Add((root.Column(f), RandomFeatureBatch.Column(f.Type, count, random, missingRows: false)));
        }
        var key = child.PrimaryKey!;
        var keyBuilder = ArrowColumnBuilder.For(key.Type!.ArrowType, count);
        for (int i = 0; i < count; i++) keyBuilder.Append(key.Type!.Kind switch { ScalarKind.Int32 => (object)i, ScalarKind.String => i.ToString("D9", System.Globalization.CultureInfo.InvariantCulture), _ => (long)i });
        columns.Add((root.Column(key), keyBuilder.Build()));
        var state = new FrameState(new FrameLayout(columns.Select(c => c.Column)), count);
        foreach (var (column, values) in columns) state.SetColumn(column, values);
        state.SetColumn(FrameLayout.QueryTimeSlot, ArrowTake.Take(asOf, parentRows.ToArray(), QueryTime.Type));
        return new ChildFrame(parentRows.ToArray(), state);
    }
}
