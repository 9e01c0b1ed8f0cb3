using Chalk.Definitions;

namespace Chalk.Planning.Logical;

/// <summary>Which resolvers run, at which nodes, in which order, to turn a query's inputs into its outputs.</summary>
internal sealed class LogicalPlan(FeatureClassDefinition root, IReadOnlyList<string> inputs, IReadOnlyList<FeaturePath> outputs, IReadOnlyList<LogicalStep> steps,
    IReadOnlyList<string?> outputGates)
{
    public FeatureClassDefinition Root { get; } = root;

    public IReadOnlyList<string> Inputs { get; } = inputs;

    public IReadOnlyList<FeaturePath> Outputs { get; } = outputs;

    public IReadOnlyList<LogicalStep> Steps { get; } = steps;

    /// <summary>Per output, the gate of the node it is read at (null rows there do not exist), or null when every row exists.</summary>
    public IReadOnlyList<string?> OutputGates { get; } = outputGates;

    /// <summary>The columns of the aggregates the plan was asked for besides its outputs (a has-many child plan's, for its
    /// parent's nested aggregates).</summary>
    public IReadOnlyDictionary<Chalk.Expressions.AggregateExpr, AggregateColumns> Aggregates { get; init; } = new Dictionary<Chalk.Expressions.AggregateExpr, AggregateColumns>();

    /// <summary>The computed columns whose features the online store may hold (empty when planned without a store).</summary>
    public IReadOnlyList<StoreTarget> StoreTargets { get; init; } = [];
}
