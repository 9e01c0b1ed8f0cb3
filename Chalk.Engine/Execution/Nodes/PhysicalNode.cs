using Apache.Arrow;
using Chalk.Planning.Logical;

namespace Chalk.Execution.Nodes;

/// <summary>An executable operator: reads a batch of input columns, returns a batch of output columns aligned to the same rows.</summary>
internal abstract class PhysicalNode
{
    /// <summary>The frame columns this node reads, in the order of its input batch.</summary>
    public required IReadOnlyList<ColumnId> Inputs { get; init; }

    /// <summary>The child frames this node reads (has-many relations).</summary>
    public IReadOnlyList<ColumnId> ChildInputs { get; init; } = [];

    /// <summary>The frame columns this node writes, in the order of its output batch.</summary>
    public required IReadOnlyList<ColumnId> Outputs { get; init; }

    /// <summary>The outputs this node is chosen for; the others are already inputs or come from another node.</summary>
    public required IReadOnlySet<ColumnId> Writes { get; init; }

    /// <summary>The frame column whose null rows do not exist at this node's place: the node runs only for the other
    /// rows, and its outputs are null on these (see <see cref="PlanExecutor"/>). Null when every row exists.</summary>
    public ColumnId? Gate { get; set; }

    /// <summary>With a <see cref="Gate"/>: the node runs over every row and its outputs are nulled on missing rows once
    /// the gate is known (it runs no user code); otherwise it runs only over the rows that exist.</summary>
    public bool MasksAfter { get; set; }

    /// <summary>The slots of the columns above in the node's frame, set by the binder; null until the plan is bound.</summary>
    public NodeSlots? Slots { get; set; }

    /// <summary>Which path serves the outputs, for explain: <c>sql</c>, <c>fallback</c>, <c>alias</c>, <c>has-many</c>.</summary>
    public abstract string Path { get; }

    public abstract string Describe();

    /// <summary>Whether the node runs only the engine's own vectorized code (no source, service or user C#), so over a
    /// small frame it finishes sooner than a hop to another thread would take.</summary>
    public virtual bool ComputesInProcess => false;

    /// <summary>Whether the node computes its outputs from its inputs by a resolver's body (lifted or run per row), so a
    /// row where an input feature failed fails too (see <see cref="InputFailures"/>).</summary>
    public virtual bool FailsWhereInputsFail => false;

    public abstract Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context);
}

/// <summary>What a node produced: output columns aligned to its input rows, row errors, and any child frame.</summary>
internal sealed record NodeOutput(RecordBatch Columns, IReadOnlyList<FeatureError> Errors, ChildFrame? Child = null)
{
    /// <summary>Rows found not to exist (by an <see cref="ExistenceNode"/>), for the result to report.</summary>
    public IReadOnlyList<MissingRow> Missing { get; init; } = [];
}

/// <summary>Per-query settings the nodes share.</summary>
internal sealed record QueryContext(CancellationToken CancellationToken, int MaxDegreeOfParallelism, NodeTimings? Timings = null)
{
    /// <summary>The engine's online store, where async resolvers keep results they cache; null when it has none.</summary>
    public Store.IOnlineStore? Store { get; init; }

    /// <summary>The engine's background writer to <see cref="Store"/>.</summary>
    public Store.StoreWriteQueue? StoreWrites { get; init; }

    /// <summary>The engine's clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The engine's logger, spans and instruments.</summary>
    public Diagnostics.EngineTelemetry Telemetry { get; init; } = Diagnostics.EngineTelemetry.Silent;

    /// <summary>Where the query reports its progress; null when nobody asked.</summary>
    public QueryProgressTracker? Progress { get; init; }
}
