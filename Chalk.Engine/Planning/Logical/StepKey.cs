namespace Chalk.Planning.Logical;

/// <summary>What makes two planned steps the same step, so the planner adds each once and reuses it: a resolver at a
/// node, a node's existence, a has-many fetch, a relation's aggregates computed one way.</summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Node">The plan node's path (<c>review.user</c>).</param>
/// <param name="What">The resolver's origin, or the relation's name; empty for existence.</param>
internal readonly record struct StepKey(StepKind Kind, string Node, string What)
{
    public static StepKey Resolve(PlanNode node, Resolvers.ResolverDefinition resolver) => new(StepKind.Resolve, node.Prefix, resolver.Origin);

    public static StepKey Exists(PlanNode node) => new(StepKind.Exists, node.Prefix, "");

    public static StepKey HasMany(PlanNode node, Definitions.FeatureDefinition relation) => new(StepKind.HasMany, node.Prefix, relation.Name);

    public static StepKey Aggregate(PlanNode node, Definitions.FeatureDefinition relation, AggregateMode mode)
        => new(mode == AggregateMode.Pushdown ? StepKind.PushedAggregate : StepKind.EngineAggregate, node.Prefix, relation.Name);
}

/// <summary>The kinds of <see cref="StepKey"/>.</summary>
internal enum StepKind
{
    Resolve,
    Exists,
    HasMany,
    PushedAggregate,
    EngineAggregate,
}
