using Chalk.Definitions;

namespace Chalk.Planning.Logical;

/// <summary>Decides which rows exist at a node, and writes the node's key where they do and null where they do not.</summary>
/// <remarks>
/// A row exists when its key is non-null, its parent row (for a has-one node) exists, and, when its class has
/// row-defining SQL resolvers (looked up by the primary key), at least one of them returned a row for the key.
/// At a has-one node the output is the node's primary key column itself (<c>review.user.id</c>), so "the related
/// object is missing" and "its key is null" are one fact for lookups, lifted code and the per-row fallback alike.
/// At the query's root the key is an input, so the output is a separate gate column.
/// </remarks>
internal sealed class LogicalExistence : LogicalStep
{
    public LogicalExistence(PlanNode node, FeatureDefinition keyFeature, ColumnId key, ColumnId? parentGate, IReadOnlyList<ColumnId> found, ColumnId output)
    {
        Node = node;
        KeyFeature = keyFeature;
        Key = key;
        ParentGate = parentGate;
        Found = found;
        Output = output;
        Inputs.Add(key);
        if (parentGate is not null) Inputs.Add(parentGate);
        Inputs.AddRange(found);
        Outputs.Add((output, keyFeature));
    }

    public PlanNode Node { get; }

    /// <summary>The feature whose value is the key: the root's primary key, or the parent's foreign key.</summary>
    public FeatureDefinition KeyFeature { get; }

    /// <summary>The key column as looked up (the root's input, or the parent's foreign key column).</summary>
    public ColumnId Key { get; }

    /// <summary>The parent node's gate, or null when the node is the root or every parent row exists.</summary>
    public ColumnId? ParentGate { get; }

    /// <summary>The found columns of the row-defining lookups run at the node; empty when its class has none.</summary>
    public IReadOnlyList<ColumnId> Found { get; }

    /// <summary>The key where the row exists, null where it does not.</summary>
    public ColumnId Output { get; }

    public override string Describe()
        => $"exists {Node} := {Key}" + (ParentGate is null ? "" : $" for rows with {ParentGate}") +
           (Found.Count == 0 ? "" : $" and found by {string.Join(" or ", Found)}");
}
