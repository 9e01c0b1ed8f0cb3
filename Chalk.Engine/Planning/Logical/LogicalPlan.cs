using Chalk.Definitions;

namespace Chalk.Planning.Logical;

/// <summary>Which resolvers run, at which nodes, in which order, to turn a query's inputs into its outputs.</summary>
internal sealed class LogicalPlan(FeatureClassDefinition root, IReadOnlyList<string> inputs, IReadOnlyList<FeaturePath> outputs, IReadOnlyList<LogicalStep> steps)
{
    public FeatureClassDefinition Root { get; } = root;

    public IReadOnlyList<string> Inputs { get; } = inputs;

    public IReadOnlyList<FeaturePath> Outputs { get; } = outputs;

    public IReadOnlyList<LogicalStep> Steps { get; } = steps;
}
