using Chalk.Definitions;
using Chalk.Expressions;
using Chalk.Resolvers;

namespace Chalk.Planning.Logical;

/// <summary>Where the aggregates of one has-many relation are computed.</summary>
internal enum AggregateMode
{
    /// <summary>One SQL statement in the child resolver's DuckDB source, grouped by the requested keys.</summary>
    Pushdown,
    /// <summary>Over the fetched child rows (Arrow), in the engine; the reason is on each aggregate.</summary>
    InEngine,
}

/// <summary>The aggregates of one has-many relation at one node, computed together: one value column and one error column each.</summary>
internal sealed class LogicalAggregate(PlanNode node, FeatureDefinition relation, SqlResolverDefinition fetch, AggregateMode mode) : LogicalStep
{
    private readonly List<(AggregateExpr Aggregate, string? Reason)> _aggregates = [];
    private readonly List<AggregateExpr> _pushed = [];
    private readonly List<InlinedFeature> _inlined = [];

    public PlanNode Node { get; } = node;

    public FeatureDefinition Relation { get; } = relation;

    public SqlResolverDefinition Fetch { get; } = fetch;

    public AggregateMode Mode { get; } = mode;

    /// <summary>In engine: the fetch of the relation's child rows the aggregates run over (its child plan computes the
    /// inner aggregates of nested ones).</summary>
    public LogicalHasMany? HasMany { get; set; }

    /// <summary>The aggregates, with why each is not pushed down (null when it is).</summary>
    public IReadOnlyList<(AggregateExpr Aggregate, string? Reason)> Aggregates => _aggregates;

    /// <summary>Pushed down: the aggregates as the statement computes them, with computed child features inlined (see
    /// <see cref="ChildResolverInlining"/>); in the order of <see cref="Aggregates"/>.</summary>
    public IReadOnlyList<AggregateExpr> Pushed => _pushed;

    /// <summary>Pushed down: the computed child features inlined into <see cref="Pushed"/>.</summary>
    public IReadOnlyList<InlinedFeature> Inlined => _inlined;

    public ColumnId FrameName => Node.Column(Relation);

    /// <summary>The value and error columns of an aggregate, adding it if new.</summary>
    /// <param name="aggregate">The aggregate as lifted.</param>
    /// <param name="reason">Why it is not pushed down, or null.</param>
    /// <param name="inlining">Pushed down: the aggregate with computed child features inlined; null when none is.</param>
    public AggregateColumns Add(AggregateExpr aggregate, string? reason, InliningResult? inlining = null)
    {
        int index = _aggregates.FindIndex(a => a.Aggregate.Equals(aggregate));
        if (index < 0)
        {
            index = _aggregates.Count;
            _aggregates.Add((aggregate, reason));
            _pushed.Add(inlining?.Aggregate ?? aggregate);
            foreach (var f in inlining?.Inlined ?? [])
            {
                if (!_inlined.Contains(f)) _inlined.Add(f);
            }
            var columns = ColumnsOf(index);
            Outputs.Add((columns.Value, Relation));
            Outputs.Add((columns.Error, Relation));
        }
        return ColumnsOf(index);
    }

    public AggregateColumns ColumnsOf(int index)
    {
        var value = ColumnId.AggregateValue(FrameName, Mode == AggregateMode.Pushdown, index);
        return new AggregateColumns(value, ColumnId.AggregateError(value));
    }

    public override string Describe()
        => $"aggregate {FrameName} via {Fetch.Name} ({(Mode == AggregateMode.Pushdown ? "pushed down" : "in engine")}): " +
           string.Join("; ", _aggregates.Select(a => a.Aggregate.ToString())) + InlinedText(_inlined) + GateText;

    /// <summary>" with f = R inlined" for plans, naming each computed child feature and the lifted C# body inlined for it.</summary>
    public static string InlinedText(IReadOnlyList<InlinedFeature> inlined)
        => inlined.Count == 0 ? "" : $" with {string.Join(", ", inlined)} inlined";
}

/// <summary>The columns an aggregate's result lands in: its value, and its row error message (null where fine).</summary>
internal sealed record AggregateColumns(ColumnId Value, ColumnId Error);
