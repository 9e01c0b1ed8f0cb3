using Apache.Arrow;

namespace Chalk.Execution.Nodes;

/// <summary>A has-one key: the related row's primary key column is the foreign key column itself.</summary>
internal sealed class AliasNode : PhysicalNode
{
    public override string Path => "alias";

    public override string Describe() => $"Alias {Outputs[0]} := {Inputs[0]}";

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<string, ChildFrame> children, QueryContext context)
    {
        var column = input.Column(0);
        var batch = new RecordBatch(new Schema([new Field(Outputs[0], column.Data.DataType, true)], null), [column], input.Length);
        return Task.FromResult(new NodeOutput(batch, []));
    }
}
