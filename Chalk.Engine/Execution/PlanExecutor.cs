using Apache.Arrow;
using Chalk.Execution.Arrow;
using Chalk.Execution.Nodes;
using Chalk.Planning.Logical;

namespace Chalk.Execution;

/// <summary>Runs a physical plan over a frame, level by level, the nodes of a level concurrently.</summary>
/// <remarks>
/// A node with a <see cref="PhysicalNode.Gate"/> runs only over the rows that exist at its place: when some do not,
/// it gets the batch of the others (and its child frames renumbered to match), and its outputs are null on the rows
/// left out. So no per-row C# body ever runs for a row that does not exist.
/// A node that runs no user code for the row (<see cref="PhysicalNode.MasksAfter"/>: lifted bodies, aggregates, has-many
/// fetches) instead runs over every row, concurrently with the lookups that decide existence, and its outputs are nulled
/// (its row errors dropped) on missing rows at the end of the level where both are done; the planner puts its readers
/// after that level.
/// </remarks>
internal static class PlanExecutor
{
    public static async Task RunAsync(PhysicalPlan plan, FrameState state, QueryContext context)
    {
        var pending = new List<(PhysicalNode Node, NodeOutput Output)>();
        foreach (var level in plan.Levels)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (level.Count == 1) await RunNodeAsync(level[0], state, context, pending).ConfigureAwait(false);
            else await RunLevelAsync(level, state, context, pending).ConfigureAwait(false);
            for (int i = pending.Count - 1; i >= 0; i--)
            {
                if (!state.TryGetColumn(SlotsOf(pending[i].Node).Gate, out var gate)) continue;
                Write(pending[i].Node, Mask(pending[i].Output, gate), state);
                pending.RemoveAt(i);
            }
            context.Progress?.LevelDone(plan);
        }
        if (pending.Count > 0)
            throw new ChalkInternalException($"{pending[0].Node.Describe()} waits for its existence column {pending[0].Node.Gate}, which no node computes");
    }

    // Nodes that wait on a source or service, or run user code, go to the thread pool so they overlap; over a small
    // frame the engine's own kernels run here, while those wait, since each takes microseconds and a hop to a pool
    // thread (on a busy machine) can take longer.
    private static async Task RunLevelAsync(IReadOnlyList<PhysicalNode> level, FrameState state, QueryContext context, List<(PhysicalNode, NodeOutput)> pending)
    {
        bool small = state.RowCount <= InlineRowLimit;
        var offloaded = level.Where(n => !(small && n.ComputesInProcess))
            .Select(n => Task.Run(() => RunNodeAsync(n, state, context, pending), context.CancellationToken)).ToList();
        Exception? failed = null;
        try
        {
            foreach (var node in level)
            {
                if (small && node.ComputesInProcess) await RunNodeAsync(node, state, context, pending).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            failed = ex;
        }
        // Every offloaded node has finished (or failed) before the level's outcome is known; an inline failure wins.
        if (failed is null)
        {
            await Task.WhenAll(offloaded).ConfigureAwait(false);
            return;
        }
        try
        {
            await Task.WhenAll(offloaded).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Reported through the inline failure below.
        }
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failed);
    }

    /// <summary>Frames up to this many rows run the engine's own kernels inline (see <see cref="PhysicalNode.ComputesInProcess"/>).</summary>
    internal const int InlineRowLimit = 256;

    private static async Task RunNodeAsync(PhysicalNode node, FrameState state, QueryContext context, List<(PhysicalNode, NodeOutput)> pending)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var telemetry = context.Telemetry;
        using var span = telemetry.StartOperator(node, state.RowCount);
        try
        {
            var errors = await RunNodeCoreAsync(node, state, context, pending).ConfigureAwait(false);
            telemetry.RowErrors(node, span, errors, state.RowCount);
        }
        catch (Exception ex) when (telemetry.OperatorFailed(node, span, ex))
        {
            // Not reached: the filter logs and traces the failure, and lets it go on unchanged.
            throw;
        }
        finally
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(start);
            context.Timings?.Add(node, elapsed);
            telemetry.OperatorRan(node, elapsed);
            context.Progress?.OperatorDone(node);
        }
    }

    /// <summary>Runs the node and writes (or queues) its outputs; returns its row errors.</summary>
    private static async Task<IReadOnlyList<FeatureError>> RunNodeCoreAsync(PhysicalNode node, FrameState state, QueryContext context, List<(PhysicalNode, NodeOutput)> pending)
    {
        var slots = SlotsOf(node);
        RecordBatch input = state.Batch(slots.Inputs);
        var children = Children(node, slots, state);
        if (node.Gate is not null && node.MasksAfter)
        {
            var all = InputFailures.Apply(node, await node.ExecuteAsync(input, children, context).ConfigureAwait(false), state);
            lock (pending) pending.Add((node, all));
            return all.Errors;
        }
        var present = slots.Gate < 0 ? null : PresentRows(state.Column(slots.Gate));
        NodeOutput output;
        if (present is null) output = await node.ExecuteAsync(input, children, context).ConfigureAwait(false);
        else
        {
            var within = ArrowRows.Inverse(present, state.RowCount);
            var subset = await node.ExecuteAsync(ArrowRows.Take(input, present), Renumber(children, within), context).ConfigureAwait(false);
            output = Widen(subset, present, within);
        }
        output = InputFailures.Apply(node, output, state, slots.Gate < 0 ? null : state.Column(slots.Gate));
        Write(node, output, state);
        return output.Errors;
    }

    // Nulls the outputs (and drops the errors) of the rows whose gate is null.
    private static NodeOutput Mask(NodeOutput output, IArrowArray gate)
    {
        if (ArrowRows.WhereValid(gate) is not { } pick) return output;
        return output with
        {
            Columns = ArrowRows.Take(output.Columns, pick),
            Errors = output.Errors.Where(e => gate.IsValid(e.Row)).ToList(),
        };
    }

    private static void Write(PhysicalNode node, NodeOutput output, FrameState state)
    {
        var slots = SlotsOf(node);
        for (int i = 0; i < output.Columns.ColumnCount; i++)
        {
            var array = output.Columns.Column(i);
            if (array.Length != state.RowCount)
                throw new ChalkInternalException($"{node.Describe()} returned {array.Length} rows for {state.RowCount}");
            // Each slot has one writer, and the level is awaited before anything reads it.
            if (slots.Outputs[i] >= 0) state.SetColumn(slots.Outputs[i], array);
        }
        if (output.Child is not null && slots.Frame >= 0) state.SetChild(slots.Frame, output.Child);
        foreach (var e in output.Errors) state.Errors.Enqueue(e);
        foreach (var m in output.Missing) state.Missing.Enqueue(m);
    }

    private static NodeSlots SlotsOf(PhysicalNode node)
        => node.Slots ?? throw new ChalkInternalException($"{node.Describe()} ran before its plan was bound");

    // Most nodes read no child frame; they share one empty map rather than each allocating its own.
    private static readonly Dictionary<ColumnId, ChildFrame> s_noChildren = [];

    private static Dictionary<ColumnId, ChildFrame> Children(PhysicalNode node, NodeSlots slots, FrameState state)
    {
        if (slots.Children.Length == 0) return s_noChildren;
        var children = new Dictionary<ColumnId, ChildFrame>(slots.Children.Length);
        for (int i = 0; i < slots.Children.Length; i++) children[node.ChildInputs[i]] = state.Child(slots.Children[i]);
        return children;
    }

    // The rows whose gate is non-null, or null when every row is (the common case: nothing to narrow).
    private static int[]? PresentRows(IArrowArray gate)
    {
        if (gate.NullCount == 0) return null;
        var rows = new int[gate.Length - gate.NullCount];
        int n = 0;
        for (int r = 0; r < gate.Length; r++)
        {
            if (gate.IsValid(r)) rows[n++] = r;
        }
        return rows;
    }

    // A fetch runs over every parent row (it is masked afterwards), so a frame may hold children of parents that do not
    // exist (orphans whose key names no row): a node that runs only over existing rows sees only their children.
    private static Dictionary<ColumnId, ChildFrame> Renumber(Dictionary<ColumnId, ChildFrame> children, int[] within)
        => children.ToDictionary(c => c.Key, c => c.Value.Restrict(within));

    private static NodeOutput Widen(NodeOutput subset, int[] present, int[] within)
    {
        var child = subset.Child is { } c ? new ChildFrame(c.ParentRows.Select(p => present[p]).ToArray(), c.State) : null;
        return new NodeOutput(ArrowRows.Take(subset.Columns, within), subset.Errors.Select(e => e with { Row = present[e.Row] }).ToList(), child)
        {
            Missing = subset.Missing.Select(m => m with { Row = present[m.Row] }).ToList(),
        };
    }
}
