using Chalk.Definitions;

namespace Chalk.Planning.Logical;

/// <summary>Which resolvers run, at which nodes, in which order, to turn a query's inputs into its outputs.</summary>
internal sealed class LogicalPlan(FeatureClassDefinition root, IReadOnlyList<ColumnId> inputs, IReadOnlyList<FeaturePath> outputs, IReadOnlyList<LogicalStep> steps,
    IReadOnlyList<ColumnId?> outputGates)
{
    public FeatureClassDefinition Root { get; } = root;

    public IReadOnlyList<ColumnId> Inputs { get; } = inputs;

    public IReadOnlyList<FeaturePath> Outputs { get; } = outputs;

    /// <summary>Per output, the column it is read from.</summary>
    public IReadOnlyList<ColumnId> OutputColumns { get; } = outputs.Select(o => PlanNode.Root(root).Column(o)).ToList();

    public IReadOnlyList<LogicalStep> Steps { get; } = steps;

    /// <summary>Per output, the gate of the node it is read at (null rows there do not exist), or null when every row exists.</summary>
    public IReadOnlyList<ColumnId?> OutputGates { get; } = outputGates;

    /// <summary>The columns of the aggregates the plan was asked for besides its outputs (a has-many child plan's, for its
    /// parent's nested aggregates).</summary>
    public IReadOnlyDictionary<Chalk.Expressions.AggregateExpr, AggregateColumns> Aggregates { get; init; } = new Dictionary<Chalk.Expressions.AggregateExpr, AggregateColumns>();

    /// <summary>The computed columns whose features the online store may hold (empty when planned without a store).</summary>
    public IReadOnlyList<StoreTarget> StoreTargets { get; init; } = [];

    /// <summary>The columns read from the online store for this query, given like <see cref="Inputs"/>.</summary>
    public IReadOnlyList<ColumnId> Known { get; init; } = [];

    /// <summary>The column an expression's column reference names: a given column, or one a step computes.</summary>
    /// <remarks>Expressions (the IR) name their columns; this binds such a name to the plan's column, once, at plan time.</remarks>
    /// <exception cref="ChalkInternalException">No column of the plan has that name.</exception>
    public ColumnId ColumnNamed(string name)
    {
        var columns = Inputs.Append(ColumnId.QueryTime).Concat(OutputColumns).Concat(Steps.SelectMany(s => s.Outputs.Select(o => o.Column)))
            .Concat(Aggregates.Values.SelectMany(a => new[] { a.Value, a.Error }));
        return columns.FirstOrDefault(c => c.Kind != ColumnKind.Relation && c.Name == name)
            ?? throw new ChalkInternalException($"an expression reads {name}, which no column of the plan for {Root.Name} holds");
    }
}
