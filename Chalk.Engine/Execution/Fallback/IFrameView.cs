using Chalk.Expressions;
using Apache.Arrow;

namespace Chalk.Execution.Fallback;

/// <summary>Columns and child frames by name: a node's input batch, or a whole frame.</summary>
internal interface IFrameView
{
    IArrowArray Column(string name);

    ChildFrame Child(string name);

    int RowCount { get; }
}

/// <summary>A node's input batch and child frames as a view.</summary>
internal sealed class BatchView(RecordBatch batch, IReadOnlyDictionary<string, ChildFrame> children) : IFrameView
{
    public int RowCount => batch.Length;

    public IArrowArray Column(string name)
    {
        int i = SchemaFields.IndexOf(batch.Schema, name);
        return i >= 0 ? batch.Column(i) : throw new ChalkInternalException($"input column {name} missing");
    }

    public ChildFrame Child(string name) => children[name];
}

/// <summary>A whole frame as a view (used for the rows of a has-many relation).</summary>
internal sealed class StateView(FrameState state) : IFrameView
{
    public int RowCount => state.RowCount;

    public IArrowArray Column(string name) => state.Column(name);

    public ChildFrame Child(string name) => state.Children[name];
}
