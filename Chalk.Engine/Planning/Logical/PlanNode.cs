using Chalk.Definitions;

namespace Chalk.Planning.Logical;

/// <summary>A place in a frame's object graph: the root class or a class reached through has-one relations.</summary>
/// <remarks>A column at a node is identified by the node's path and the feature (<see cref="ColumnId.Feature"/>):
/// <c>review.user</c> and <c>name</c>.</remarks>
internal sealed class PlanNode
{
    private PlanNode(FeatureClassDefinition @class, string prefix, PlanNode? parent, FeatureDefinition? relation)
    {
        Class = @class;
        Prefix = prefix;
        Parent = parent;
        Relation = relation;
    }

    public static PlanNode Root(FeatureClassDefinition @class) => new(@class, @class.Name, null, null);

    /// <summary>The column a path from its root class reads (a query's input or output).</summary>
    public static ColumnId ColumnOf(FeaturePath path) => Root(path.Root).Column(path);

    public FeatureClassDefinition Class { get; }

    public string Prefix { get; }

    public PlanNode? Parent { get; }

    /// <summary>The has-one relation from <see cref="Parent"/> to this node.</summary>
    public FeatureDefinition? Relation { get; }

    public PlanNode HasOne(FeatureDefinition relation) => new(relation.Target!, Prefix + "." + relation.Name, this, relation);

    /// <summary>The feature's column at this node, or for a has-many relation its child frame.</summary>
    public ColumnId Column(FeatureDefinition feature)
        => feature.Kind == FeatureKind.HasMany ? ColumnId.Relation(Prefix, feature.Name) : ColumnId.Feature(Prefix, feature.Name);

    /// <summary>The column a path from this node reads: through has-one relations to its feature, or, for a path
    /// through a has-many relation, that relation's child frame.</summary>
    public ColumnId Column(FeaturePath path)
    {
        var n = this;
        foreach (var s in path.Steps.Take(path.Steps.Count - 1))
        {
            if (s.Kind == FeatureKind.HasMany) return n.Column(s);
            n = n.HasOne(s);
        }
        return n.Column(path.Feature);
    }

    /// <summary>The node a single-valued path's feature is read at: this node, moved along its has-one steps.</summary>
    public PlanNode At(FeaturePath path)
    {
        var n = this;
        foreach (var s in path.Steps.Take(path.Steps.Count - 1))
        {
            if (s.Kind != FeatureKind.HasOne) break;
            n = n.HasOne(s);
        }
        return n;
    }

    /// <summary>The column that says which rows exist at the root (null where the row does not exist).</summary>
    public ColumnId GateColumn => ColumnId.Exists(Prefix);

    public override string ToString() => Prefix;
}
