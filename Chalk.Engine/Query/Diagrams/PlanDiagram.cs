using System.Text;

namespace Chalk.Diagrams;

/// <summary>Writes a <see cref="PlanGraph"/> as a Mermaid flowchart or Graphviz DOT, each box coloured by its kind.</summary>
internal static class PlanDiagram
{
    public static string Mermaid(PlanGraph graph)
    {
        var sb = new StringBuilder("flowchart LR\n");
        foreach (var (kind, colour) in Colours) sb.Append("  classDef ").Append(ClassOf(kind)).Append(" fill:").Append(colour).Append(",stroke:#555\n");
        foreach (var box in graph.Boxes.Where(b => b.Parent is null)) WriteMermaidBox(sb, graph, box, "  ");
        foreach (var a in graph.Arrows) sb.Append("  ").Append(a.From.Id).Append(a.Gate ? " -.-> " : " --> ").Append(a.To.Id).Append('\n');
        return sb.ToString();
    }

    private static void WriteMermaidBox(StringBuilder sb, PlanGraph graph, PlanBox box, string indent)
    {
        sb.Append(indent).Append(box.Id).Append("[\"").Append(MermaidText(box.Label)).Append("\"]:::").Append(ClassOf(box.Kind)).Append('\n');
        var children = graph.Boxes.Where(b => b.Parent == box).ToList();
        if (children.Count == 0) return;
        sb.Append(indent).Append("subgraph ").Append(box.Id).Append("_rows[\"rows of ").Append(MermaidText(box.Label.Split(' ').ElementAtOrDefault(1) ?? box.Id)).Append("\"]\n");
        foreach (var c in children) WriteMermaidBox(sb, graph, c, indent + "  ");
        sb.Append(indent).Append("end\n");
    }

    public static string Dot(PlanGraph graph)
    {
        var sb = new StringBuilder("digraph plan {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=10];\n");
        foreach (var box in graph.Boxes.Where(b => b.Parent is null)) WriteDotBox(sb, graph, box, "  ");
        foreach (var a in graph.Arrows)
            sb.Append("  ").Append(a.From.Id).Append(" -> ").Append(a.To.Id).Append(a.Gate ? " [style=dashed];\n" : ";\n");
        return sb.Append("}\n").ToString();
    }

    private static void WriteDotBox(StringBuilder sb, PlanGraph graph, PlanBox box, string indent)
    {
        sb.Append(indent).Append(box.Id).Append(" [label=\"").Append(DotText(box.Label)).Append("\", fillcolor=\"")
            .Append(Colours.First(c => c.Kind == box.Kind).Colour).Append("\"];\n");
        var children = graph.Boxes.Where(b => b.Parent == box).ToList();
        if (children.Count == 0) return;
        sb.Append(indent).Append("subgraph cluster_").Append(box.Id).Append(" {\n").Append(indent).Append("  style=dashed;\n");
        foreach (var c in children) WriteDotBox(sb, graph, c, indent + "  ");
        sb.Append(indent).Append("}\n");
    }

    private static readonly (PlanBoxKind Kind, string Colour)[] Colours =
    [
        (PlanBoxKind.Input, "#eeeeee"),
        (PlanBoxKind.Output, "#eeeeee"),
        (PlanBoxKind.SqlLookup, "#cfe2ff"),
        (PlanBoxKind.PushedAggregate, "#e2d9f3"),
        (PlanBoxKind.EngineAggregate, "#f3d9ec"),
        (PlanBoxKind.Lifted, "#d1e7dd"),
        (PlanBoxKind.Fallback, "#ffe5b4"),
        (PlanBoxKind.HasMany, "#cff4fc"),
        (PlanBoxKind.Exists, "#f8f9fa"),
        (PlanBoxKind.OnlineStore, "#fff3cd"),
        (PlanBoxKind.ExternalCall, "#f8d7da"),
        (PlanBoxKind.Other, "#ffffff"),
    ];

    private static string ClassOf(PlanBoxKind kind) => kind.ToString().ToLowerInvariant();

    // Mermaid labels are quoted: a quote is written as an entity, and the markdown-ish characters are kept literal.
    private static string MermaidText(string s) => s.Replace("\"", "#quot;", StringComparison.Ordinal);

    private static string DotText(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
