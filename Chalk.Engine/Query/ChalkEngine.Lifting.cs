using Apache.Arrow;
using Chalk.Execution;
using Chalk.Execution.Nodes;
using Chalk.Expressions;
using Chalk.Lifting;
using Chalk.Planning.Logical;
using Chalk.Planning.Physical;
using Chalk.Resolvers;

namespace Chalk;

public sealed partial class ChalkEngine
{
    /// <summary>Every C# resolver and computed property, and whether it was lifted into vectorized IR or runs per row, and why.</summary>
    public IReadOnlyList<LiftedBody> DescribeLifting() => _definitions.Lifts
        .OrderBy(kv => kv.Key.Name, StringComparer.Ordinal)
        .Select(kv => new LiftedBody(kv.Key.Name, kv.Key.Outputs.Select(o => o.Path).ToList(), kv.Value.Lifted,
            kv.Value.Lifted ? kv.Value.Expression!.ToString() : kv.Value.Reason!, kv.Value.Gas))
        .ToList();

    /// <summary>Runs each lifted body and its compiled method on the same random rows and reports any disagreement.</summary>
    /// <param name="rows">Random rows per body.</param>
    /// <param name="seed">The random seed, so a disagreement can be reproduced.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task<IReadOnlyList<LiftVerification>> VerifyLiftingAsync(int rows = 2000, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var results = new List<LiftVerification>();
        var context = new QueryContext(cancellationToken, _maxDegreeOfParallelism);
        foreach (var (resolver, lift) in _definitions.Lifts.Where(kv => kv.Value.Lifted).OrderBy(kv => kv.Key.Name, StringComparer.Ordinal))
        {
            if (AggregateNodes.In(lift.Expression!).Count > 0)
            {
                results.Add(await AggregateVerification.VerifyAsync(resolver, lift, _definitions.Lifts, rows, seed, context).ConfigureAwait(false));
                continue;
            }
            var step = new LogicalResolve(resolver, PlanNode.Root(resolver.Class), null);
            foreach (var input in resolver.Inputs) step.Inputs.Add(step.Node.Column(input));
            foreach (var o in resolver.Outputs) step.Outputs.Add((step.Node.Column(o), o));
            var lifted = PhysicalPlanner.Node(step, [], _definitions.Lifts);
            var perRow = PhysicalPlanner.Node(step, [], new Dictionary<ResolverDefinition, LiftOutcome>());
            var random = new Random(seed);
            var names = step.Inputs.Distinct().ToList();
            var arrays = names.Select(n => RandomFeatureBatch.Column(resolver.Inputs[step.Inputs.IndexOf(n)].Feature.Type!, rows, random)).ToList();
            var batch = new RecordBatch(new Schema(names.Select((n, i) => new Field(n.Name, arrays[i].Data.DataType, true)), null), arrays, rows);
            var a = await lifted.ExecuteAsync(Select(batch, lifted.Inputs), new Dictionary<ColumnId, ChildFrame>(), context).ConfigureAwait(false);
            var b = await perRow.ExecuteAsync(Select(batch, perRow.Inputs), new Dictionary<ColumnId, ChildFrame>(), context).ConfigureAwait(false);
            results.Add(new LiftVerification(resolver.Name, rows, Compare(a, b, batch)));
        }
        return results;
    }

    internal static RecordBatch Select(RecordBatch batch, IReadOnlyList<ColumnId> columns)
    {
        var arrays = columns.Select(n => batch.Column(SchemaFields.IndexOf(batch.Schema, n.Name))).ToList();
        return new RecordBatch(new Schema(columns.Select((n, i) => new Field(n.Name, arrays[i].Data.DataType, true)), null), arrays, batch.Length);
    }

    internal static List<string> Compare(NodeOutput lifted, NodeOutput perRow, RecordBatch inputs)
    {
        var problems = new List<string>();
        var liftedErrors = lifted.Errors.Select(e => e.Row).ToHashSet();
        var perRowErrors = perRow.Errors.Select(e => e.Row).ToHashSet();
        var x = lifted.Columns.Column(0);
        var y = perRow.Columns.Column(0);
        for (int row = 0; row < inputs.Length && problems.Count < 10; row++)
        {
            var vx = ArrowValues.Get(x, row);
            var vy = ArrowValues.Get(y, row);
            bool ex = liftedErrors.Contains(row), ey = perRowErrors.Contains(row);
            if (Equals(vx, vy) && ex == ey) continue;
            var args = string.Join(", ", Enumerable.Range(0, inputs.ColumnCount).Select(c => $"{inputs.Schema.GetFieldByIndex(c).Name}={Show(ArrowValues.Get(inputs.Column(c), row))}"));
            problems.Add($"row {row} ({args}): lifted {Show(vx)}{(ex ? " (error)" : "")}, per row {Show(vy)}{(ey ? " (error)" : "")}");
        }
        return problems;
    }

    private static string Show(object? v) => v switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        _ => OnlineResult.Format(v),
    };
}
