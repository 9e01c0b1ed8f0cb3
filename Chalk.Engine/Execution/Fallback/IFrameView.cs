using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Planning.Logical;

namespace Chalk.Execution.Fallback;

/// <summary>Columns and child frames by identity: a node's input batch, or a whole frame.</summary>
internal interface IFrameView
{
    IArrowArray Column(ColumnId column);

    ChildFrame Child(ColumnId frame);

    int RowCount { get; }
}

/// <summary>A node's input batch and child frames as a view.</summary>
internal sealed class BatchView(RecordBatch batch, IReadOnlyDictionary<ColumnId, ChildFrame> children) : IFrameView
{
    public int RowCount => batch.Length;

    // The batch's fields carry the columns' printed names (see PlanExecutor); the view is bound once per node run.
    public IArrowArray Column(ColumnId column)
    {
        int i = SchemaFields.IndexOf(batch.Schema, column.Name);
        return i >= 0 ? batch.Column(i) : throw new ChalkInternalException($"input column {column} missing");
    }

    public ChildFrame Child(ColumnId frame) => children[frame];
}

/// <summary>A whole frame as a view (used for the rows of a has-many relation).</summary>
internal sealed class StateView(FrameState state) : IFrameView
{
    public int RowCount => state.RowCount;

    public IArrowArray Column(ColumnId column) => state.Column(column);

    public ChildFrame Child(ColumnId frame) => state.Child(frame);
}
