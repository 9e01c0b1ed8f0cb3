using Chalk.Definitions;
using Chalk.Resolvers;

namespace Chalk.Planning.Logical;

/// <summary>One step of a logical plan: what is computed, from which columns, into which columns.</summary>
internal abstract class LogicalStep
{
    public List<ColumnId> Inputs { get; } = [];

    public List<(ColumnId Column, FeatureDefinition Feature)> Outputs { get; } = [];

    /// <summary>0 for steps that read only query inputs; otherwise one more than the latest step they read from.</summary>
    public int Level { get; set; }

    /// <summary>The column whose null rows are rows that do not exist at this step's node (see <see cref="LogicalExistence"/>):
    /// the step runs only for the other rows and its outputs are null on these. Null when every row exists.</summary>
    public ColumnId? Gate { get; set; }

    /// <summary>With a <see cref="Gate"/>: the step runs no user code, so it may run over every row before the gate is
    /// known (concurrently with the lookups that decide it) and have its outputs nulled on missing rows afterwards.</summary>
    public bool MasksAfter { get; set; }

    public abstract string Describe();

    /// <summary>How the step treats rows that do not exist, for plans: " for rows with g" or " masked by g".</summary>
    protected string GateText => Gate is null ? "" : MasksAfter ? $" masked by {Gate}" : $" for rows with {Gate}";
}

/// <summary>A resolver run at a node. A table-shaped SQL resolver is filtered by <see cref="LookupKey"/>.</summary>
internal sealed class LogicalResolve(ResolverDefinition resolver, PlanNode node, FeatureDefinition? lookupKey) : LogicalStep
{
    public ResolverDefinition Resolver { get; } = resolver;

    public PlanNode Node { get; } = node;

    public FeatureDefinition? LookupKey { get; } = lookupKey;

    /// <summary>For a lifted body with aggregates: the columns each aggregate's value and error are read from.</summary>
    public Dictionary<Chalk.Expressions.AggregateExpr, AggregateColumns> Aggregates { get; } = [];

    /// <summary>For a SQL resolver: the column that says, per row, whether it returned a row for the key.</summary>
    public ColumnId? FoundColumn { get; set; }

    public override string Describe()
        => $"{Resolver.Kind.ToString().ToLowerInvariant()} {Resolver.Name} at {Node}" +
           (LookupKey is null ? "" : $" by {LookupKey.Name}") +
           $" ({string.Join(", ", Inputs)}) -> ({string.Join(", ", Outputs.Select(o => o.Column))})" +
           GateText;
}

/// <summary>The rows of a has-many relation fetched per parent row, with a child plan run over them.</summary>
internal sealed class LogicalHasMany(PlanNode node, FeatureDefinition relation, SqlResolverDefinition fetch) : LogicalStep
{
    public PlanNode Node { get; } = node;

    public FeatureDefinition Relation { get; } = relation;

    public SqlResolverDefinition Fetch { get; } = fetch;

    /// <summary>The child features requested, rooted at the child class.</summary>
    public List<FeaturePath> ChildOutputs { get; } = [];

    /// <summary>Aggregates of the child class the parent's nested aggregates read per child row (relations relative to the child).</summary>
    public List<Chalk.Expressions.AggregateExpr> ChildAggregates { get; } = [];

    public LogicalPlan? Child { get; set; }

    /// <summary>The columns of <see cref="Fetch"/> the child frame needs, once the child plan is known.</summary>
    public IReadOnlyList<SqlColumnBinding> FetchedColumns { get; set; } = [];

    public ColumnId FrameName => Node.Column(Relation);

    public override string Describe()
        => $"has-many {FrameName} via {Fetch.Name} by {Relation.ForeignKey!.Name} = {Inputs[0]}" + GateText;
}
