using Apache.Arrow;
using Chalk.Execution.Nodes;

namespace Chalk.Execution;

/// <summary>Runs a physical plan over a frame, level by level, the nodes of a level concurrently.</summary>
internal static class PlanExecutor
{
    public static async Task RunAsync(PhysicalPlan plan, FrameState state, QueryContext context)
    {
        foreach (var level in plan.Levels)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (level.Count == 1) await RunNodeAsync(level[0], state, context).ConfigureAwait(false);
            else await Task.WhenAll(level.Select(n => Task.Run(() => RunNodeAsync(n, state, context), context.CancellationToken))).ConfigureAwait(false);
        }
    }

    private static async Task RunNodeAsync(PhysicalNode node, FrameState state, QueryContext context)
    {
        RecordBatch input = state.Batch(node.Inputs);
        var children = node.ChildInputs.ToDictionary(c => c, c => state.Children.TryGetValue(c, out var f) ? f
            : throw new ChalkInternalException($"child frame {c} was read before it was fetched"), StringComparer.Ordinal);
        var output = await node.ExecuteAsync(input, children, context).ConfigureAwait(false);
        for (int i = 0; i < output.Columns.ColumnCount; i++)
        {
            var array = output.Columns.Column(i);
            if (array.Length != state.RowCount)
                throw new ChalkInternalException($"{node.Describe()} returned {array.Length} rows for {state.RowCount}");
            if (node.Writes.Contains(node.Outputs[i])) state.Columns[node.Outputs[i]] = array;
        }
        if (output.Child is not null && node is HasManyNode h) state.Children[h.FrameName] = output.Child;
        foreach (var e in output.Errors) state.Errors.Enqueue(e);
    }
}
