using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Planning.Logical;

namespace Chalk.Execution.Nodes;

/// <summary>Writes a node's key where its row exists and null where it does not, and reports the rows that do not.</summary>
/// <remarks>Inputs: the key, then the parent's gate (when <see cref="HasParentGate"/>), then the found columns of the
/// node's row-defining lookups. A row exists when its key is non-null, its parent exists and (when there are found
/// columns) some lookup found it. See <see cref="Planning.Logical.LogicalExistence"/>.</remarks>
internal sealed class ExistenceNode : PhysicalNode
{
    public required bool HasParentGate { get; init; }

    public required FeatureType KeyType { get; init; }

    /// <summary>The key's column name, for reports.</summary>
    public required string KeyFeature { get; init; }

    /// <summary>The node's path, for reports (<c>review.product</c>).</summary>
    public required string NodePath { get; init; }

    public required FeatureClassDefinition Class { get; init; }

    public override bool ComputesInProcess => true;

    public override string Path => "exists";

    public override string Describe()
        => $"Exists {NodePath} := {Inputs[0]}" + (HasParentGate ? $" for rows with {Inputs[1]}" : "") +
           (Inputs.Count > (HasParentGate ? 2 : 1) ? $" and found by {string.Join(" or ", Inputs.Skip(HasParentGate ? 2 : 1))}" : "");

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        var key = input.Column(0);
        IArrowArray? parent = HasParentGate ? input.Column(1) : null;
        var found = Enumerable.Range(HasParentGate ? 2 : 1, input.ColumnCount - (HasParentGate ? 2 : 1)).Select(i => (BooleanArray)input.Column(i)).ToArray();
        int n = input.Length;
        int[]? pick = null;
        var missing = new List<MissingRow>();
        for (int row = 0; row < n; row++)
        {
            if (parent is not null && parent.IsNull(row)) { (pick ??= Identity(n))[row] = -1; continue; }
            bool exists = key.IsValid(row) && (found.Length == 0 || AnyFound(found, row));
            if (exists) continue;
            (pick ??= Identity(n))[row] = -1;
            missing.Add(new MissingRow(NodePath, row, KeyFeature, FeatureValues.Get(key, row, KeyType.Kind)));
        }
        var output = ArrowGather.AsFeature(key, KeyType);
        if (pick is not null) output = ArrowTake.Take(output, pick, KeyType);
        var batch = new RecordBatch(new Schema([new Field(Outputs[0].Name, output.Data.DataType, true)], null), [output], n);
        return Task.FromResult(new NodeOutput(batch, []) { Missing = missing });
    }

    private static bool AnyFound(BooleanArray[] found, int row)
    {
        foreach (var f in found)
        {
            if (f.GetValue(row) == true) return true;
        }
        return false;
    }

    private static int[] Identity(int n)
    {
        var rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        return rows;
    }
}
