using Chalk.Execution;
using Chalk.Execution.Nodes;
using Chalk.Planning.Logical;

namespace Chalk.Diagrams;

/// <summary>A physical plan as boxes and arrows: the query's inputs, one box per operator (has-many child plans
/// nested inside their fetch), the outputs, and an arrow from the box that writes each column to every box that reads it.</summary>
internal sealed class PlanGraph
{
    private readonly List<PlanBox> _boxes = [];
    private readonly List<PlanArrow> _arrows = [];
    private NodeTimings? _timings;

    public IReadOnlyList<PlanBox> Boxes => _boxes;

    public IReadOnlyList<PlanArrow> Arrows => _arrows;

    /// <param name="plan">The plan.</param>
    /// <param name="timings">Each operator's time after a run, or null.</param>
    /// <param name="storeName">The online store's name when the query reads it first: one box for its reads, with a
    /// dashed arrow to each operator a hit makes unnecessary.</param>
    public static PlanGraph Of(PhysicalPlan plan, NodeTimings? timings = null, string? storeName = null)
    {
        var graph = new PlanGraph { _timings = timings };
        var inputs = graph.Add(new PlanBox("inputs", "inputs: " + string.Join(", ", plan.Logical.Inputs), PlanBoxKind.Input, null));
        var writers = plan.Logical.Inputs.ToDictionary(i => i, _ => inputs);
        graph.AddOperators(plan, writers, inputs, parent: null);
        var reads = plan.Logical.StoreTargets.Where(t => t.Feature.MaxStaleness > TimeSpan.Zero).ToList();
        if (storeName is not null && reads.Count > 0)
        {
            var store = graph.Add(new PlanBox("store", $"online store ({storeName}): {string.Join(", ", reads.Select(t => t.Feature.Path).Distinct())}",
                PlanBoxKind.OnlineStore, null));
            graph.Connect(inputs, store, gate: false);
            foreach (var t in reads)
            {
                if (writers.TryGetValue(t.Column, out var skipped)) graph.Connect(store, skipped, gate: true);
            }
        }
        var outputs = graph.Add(new PlanBox("outputs", "outputs: " + string.Join(", ", plan.Logical.Outputs)
            + (timings is null ? "" : " · total " + NodeTimings.Format(timings.Total)), PlanBoxKind.Output, null));
        foreach (var o in plan.Logical.OutputColumns)
            graph.Connect(writers.GetValueOrDefault(o, inputs), outputs, gate: false);
        return graph;
    }

    private void AddOperators(PhysicalPlan plan, Dictionary<ColumnId, PlanBox> writers, PlanBox inputs, PlanBox? parent)
    {
        foreach (var node in plan.Nodes)
        {
            var took = _timings?.Of(node) is { } t ? " · " + NodeTimings.Format(t) : "";
            var box = Add(new PlanBox($"n{_boxes.Count}", Label(node) + took, KindOf(node), parent));
            foreach (var column in node.Inputs.Concat(node.ChildInputs).Distinct())
                Connect(writers.GetValueOrDefault(column, inputs), box, gate: false);
            if (node.Gate is { } gate && writers.TryGetValue(gate, out var decides)) Connect(decides, box, gate: true);
            foreach (var column in node.Writes) writers[column] = box;
            if (node is HasManyNode h)
            {
                writers[h.FrameName] = box;
                // The child plan reads the fetched rows, so its columns start at the fetch's box.
                AddOperators(h.ChildPlan, new Dictionary<ColumnId, PlanBox>(), box, box);
            }
        }
    }

    private PlanBox Add(PlanBox box)
    {
        _boxes.Add(box);
        return box;
    }

    private void Connect(PlanBox from, PlanBox to, bool gate)
    {
        if (from != to && !_arrows.Any(a => a.From == from && a.To == to && a.Gate == gate)) _arrows.Add(new PlanArrow(from, to, gate));
    }

    private static string Label(PhysicalNode node)
    {
        var first = node.Describe().Split('\n')[0];
        const int MaxLabel = 90;
        return first.Length <= MaxLabel ? first : first[..(MaxLabel - 1)] + "…";
    }

    private static PlanBoxKind KindOf(PhysicalNode node) => node switch
    {
        SqlLookupNode => PlanBoxKind.SqlLookup,
        SqlAggregateNode => PlanBoxKind.PushedAggregate,
        ArrowAggregateNode => PlanBoxKind.EngineAggregate,
        LiftedNode => PlanBoxKind.Lifted,
        MethodFallbackNode or ComputedFallbackNode => PlanBoxKind.Fallback,
        ExternalCallNode => PlanBoxKind.ExternalCall,
        HasManyNode => PlanBoxKind.HasMany,
        ExistenceNode => PlanBoxKind.Exists,
        _ => PlanBoxKind.Other,
    };
}

/// <summary>What an operator box is, which decides its colour.</summary>
internal enum PlanBoxKind
{
    Input,
    Output,
    SqlLookup,
    PushedAggregate,
    EngineAggregate,
    Lifted,
    Fallback,
    HasMany,
    Exists,
    OnlineStore,
    ExternalCall,
    Other,
}

/// <summary>One box: an id unique in the graph, its text, its kind, and the has-many fetch it is nested in (or null).</summary>
internal sealed record PlanBox(string Id, string Label, PlanBoxKind Kind, PlanBox? Parent);

/// <summary>An arrow from the box that writes a column to one that reads it; a dashed (gate) arrow says which rows
/// exist, or, from the online store, which operator a stored value makes unnecessary.</summary>
internal sealed record PlanArrow(PlanBox From, PlanBox To, bool Gate);
