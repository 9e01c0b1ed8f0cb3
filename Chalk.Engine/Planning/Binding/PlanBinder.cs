using Chalk.Execution;
using Chalk.Execution.Nodes;
using Chalk.Planning.Logical;

namespace Chalk.Planning.Binding;

/// <summary>Binds a physical plan to its frames: gives every column of the query frame, and of each has-many child
/// frame, a slot (<see cref="FrameLayout"/>), and every node the slots of what it reads and writes
/// (<see cref="NodeSlots"/>).</summary>
/// <remarks>
/// Runs once per plan, after physical planning and before the plan is cached, so a query reads and writes its frames
/// by index and never by name:
/// <code>
///   logical plan (ColumnIds) ─▶ physical plan (nodes over ColumnIds) ─▶ binder ─▶ layouts + node slots ─▶ executor
/// </code>
/// A frame's slots are its given columns first (query time, inputs, store hits; for a child frame the fetched columns),
/// then what the nodes read and write, then what the caller reads back (outputs and their gates, store targets, and a
/// child plan's aggregates, which its parent reads).
/// </remarks>
internal static class PlanBinder
{
    /// <summary>Binds <paramref name="plan"/> and its child plans.</summary>
    /// <exception cref="ChalkInternalException">A node aggregates a child frame that no fetch in the plan writes.</exception>
    public static void Bind(PhysicalPlan plan) => Bind(plan, []);

    private static void Bind(PhysicalPlan plan, IReadOnlyList<ColumnId> given)
    {
        var logical = plan.Logical;
        var layout = new FrameLayout(given.Concat(logical.Inputs).Concat(logical.Known));
        // Child plans first: a node that aggregates a child frame reads it through the child's slots.
        var children = new Dictionary<ColumnId, FrameLayout>();
        foreach (var h in plan.Nodes.OfType<HasManyNode>())
        {
            var root = PlanNode.Root(h.Child);
            var fetched = h.Columns.Select(c => root.Column(c.Feature)).ToList();
            Bind(h.ChildPlan, fetched);
            h.ColumnSlots = fetched.Select(h.ChildPlan.Layout.SlotOf).ToArray();
            h.AggregatedOnly = !h.ChildPlan.Nodes.Any()
                && plan.Nodes.Where(n => n.ChildInputs.Contains(h.FrameName)).All(n => n is ArrowAggregateNode);
            children[h.FrameName] = h.ChildPlan.Layout;
        }
        foreach (var node in plan.Nodes)
        {
            node.Slots = new NodeSlots(
                node.Inputs.Select(layout.Add).ToArray(),
                node.Outputs.Select(o => node.Writes.Contains(o) ? layout.Add(o) : -1).ToArray(),
                node.ChildInputs.Select(layout.Add).ToArray(),
                node.Gate is null ? -1 : layout.Add(node.Gate),
                node is HasManyNode fetch ? layout.Add(fetch.FrameName) : -1);
            if (node is ArrowAggregateNode aggregate)
            {
                aggregate.BindChildFrame(children.TryGetValue(aggregate.FrameName, out var child) ? child
                    : throw new ChalkInternalException($"{aggregate.Describe()} reads {aggregate.FrameName}, which no fetch of the plan writes"));
            }
        }
        var outputs = logical.OutputColumns.Select(layout.Add).ToArray();
        var gates = logical.OutputGates.Select(g => g is null ? -1 : layout.Add(g)).ToArray();
        foreach (var t in logical.StoreTargets)
        {
            layout.Add(t.Column);
            layout.Add(t.KeyColumn);
            if (t.Gate is not null) layout.Add(t.Gate);
        }
        foreach (var a in logical.Aggregates.Values)
        {
            layout.Add(a.Value);
            layout.Add(a.Error);
        }
        plan.Bind(layout, outputs, gates);
    }
}
