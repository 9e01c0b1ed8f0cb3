using System.Text;
using Chalk.Execution;

namespace Chalk;

/// <summary>Prints a plan: its logical steps, its operators by level, and which path serves each output.</summary>
internal static class PlanExplainer
{
    public static string Explain(PhysicalPlan plan, NodeTimings? timings = null, string? storeName = null)
    {
        var sb = new StringBuilder();
        var logical = plan.Logical;
        sb.Append("query: ").Append(string.Join(", ", logical.Inputs)).Append(" -> ").Append(string.Join(", ", logical.Outputs)).Append('\n');
        sb.Append("logical plan:\n");
        AppendLogical(sb, plan, "  ");
        sb.Append("physical plan:\n");
        AppendPhysical(sb, plan, "  ", timings);
        AppendStore(sb, plan, storeName, timings);
        if (timings is not null) sb.Append("total: ").Append(NodeTimings.Format(timings.Total)).Append('\n');
        sb.Append("outputs:\n");
        int width = logical.Outputs.Max(o => o.Text.Length);
        for (int i = 0; i < logical.Outputs.Count; i++)
        {
            var o = logical.Outputs[i];
            var node = plan.Nodes.FirstOrDefault(n => n.Writes.Contains(logical.OutputColumns[i]));
            var path = node is null ? "input" : node.Path;
            var how = node is null ? "given by the query" : node.Describe().Split('\n')[0];
            sb.Append("  ").Append(o.Text.PadRight(width)).Append("  ").Append(path.PadRight(8)).Append(' ').Append(how).Append('\n');
        }
        return sb.ToString();
    }

    private static void AppendLogical(StringBuilder sb, PhysicalPlan plan, string indent)
    {
        foreach (var step in plan.Logical.Steps)
        {
            sb.Append(indent).Append('[').Append(step.Level).Append("] ").Append(step.Describe()).Append('\n');
            if (step is Planning.Logical.LogicalHasMany { Child: { } child })
            {
                foreach (var s in child.Steps) sb.Append(indent).Append("    [").Append(s.Level).Append("] ").Append(s.Describe()).Append('\n');
            }
        }
    }

    // The store is read before the plan runs, round by round as keys become known; a hit is used as a given value.
    private static void AppendStore(StringBuilder sb, PhysicalPlan plan, string? storeName, NodeTimings? timings)
    {
        var targets = plan.Logical.StoreTargets.Where(t => t.Feature.MaxStaleness > TimeSpan.Zero).ToList();
        if (timings?.Store is { } read)
        {
            sb.Append("online store read first: ").Append(read.Status).Append("  [").Append(NodeTimings.Format(read.Took)).Append("]\n");
            if (plan.Nodes.All(n => timings.Of(n) is null)) sb.Append("  every output was a hit: no operator ran\n");
            return;
        }
        if (storeName is null || targets.Count == 0) return;
        sb.Append("online store (").Append(storeName).Append("): read first; a hit is used as given and skips its resolvers\n");
        foreach (var t in targets)
        {
            sb.Append("  ").Append(t.Column).Append(" <- ").Append(t.Feature.Path).Append(" by ").Append(t.ReadKeyColumn)
                .Append(" (max staleness ").Append(Definitions.Staleness.Format(t.Feature.MaxStaleness!.Value)).Append(")\n");
        }
    }

    private static void AppendPhysical(StringBuilder sb, PhysicalPlan plan, string indent, NodeTimings? timings)
    {
        for (int level = 0; level < plan.Levels.Count; level++)
        {
            var nodes = plan.Levels[level];
            sb.Append(indent).Append("level ").Append(level).Append(nodes.Count > 1 ? $" ({nodes.Count} concurrent)" : "").Append(":\n");
            foreach (var n in nodes)
            {
                var text = n.Describe();
                if (timings?.Of(n) is { } took)
                {
                    int end = text.IndexOf('\n', StringComparison.Ordinal);
                    text = end < 0 ? $"{text}  [{NodeTimings.Format(took)}]" : $"{text[..end]}  [{NodeTimings.Format(took)}]{text[end..]}";
                }
                sb.Append(indent).Append("  ").Append(text.Replace("\n", "\n" + indent + "  ", StringComparison.Ordinal)).Append('\n');
                if (n is Execution.Nodes.HasManyNode h) AppendPhysical(sb, h.ChildPlan, indent + "    ", timings);
            }
        }
    }
}
