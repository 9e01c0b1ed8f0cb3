namespace Chalk;

/// <summary>How <see cref="ChalkEngine.Explain(IReadOnlyList{string}, IReadOnlyList{string}, PlanFormat, bool)"/> writes a plan.</summary>
public enum PlanFormat
{
    /// <summary>The logical steps, the operators by level and the path serving each output, as text.</summary>
    Text,
    /// <summary>A Mermaid flowchart: one box per operator, coloured by kind, arrows from what it reads.</summary>
    Mermaid,
    /// <summary>The same graph in Graphviz DOT (render with <c>dot -Tsvg</c>).</summary>
    Dot,
}
