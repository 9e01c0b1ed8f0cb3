using System.Runtime.CompilerServices;
using Chalk.Execution.Nodes;

namespace Chalk.Diagnostics;

/// <summary>How traces, metrics and logs name a plan operator: its kind (<c>sql</c>, <c>lifted</c>, <c>fallback</c>, …) and
/// the resolver (or relation) it runs, computed once per operator and only when something listens.</summary>
internal sealed record OperatorLabel(string Kind, string Resolver)
{
    private static readonly ConditionalWeakTable<PhysicalNode, OperatorLabel> s_labels = new();

    /// <summary>The span's name: kind and resolver, e.g. <c>sql stations.chalk.sql</c>.</summary>
    public string DisplayName { get; } = Kind + " " + Resolver;

    public static OperatorLabel Of(PhysicalNode node) => s_labels.GetValue(node, Create);

    private static OperatorLabel Create(PhysicalNode node) => node switch
    {
        SqlLookupNode n => new("sql", n.Resolver.Name),
        SqlAggregateNode n => new("aggregate-pushdown", n.Origin),
        ArrowAggregateNode n => new("aggregate", n.FrameName.Name),
        LiftedNode n => new("lifted", n.Resolver.Name),
        ComputedFallbackNode n => new("fallback", n.Resolver.Name),
        MethodFallbackNode n => new("fallback", n.Resolver.Name),
        ExternalCallNode n => new("external", n.Resolver.Name),
        HasManyNode n => new("has-many", n.FrameName.Name),
        ExistenceNode n => new("exists", n.NodePath),
        _ => new(node.Path, node.GetType().Name),
    };
}
