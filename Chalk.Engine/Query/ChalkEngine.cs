using System.Collections.Concurrent;
using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Execution.Nodes;
using Chalk.Planning.Binding;
using Chalk.Planning.Logical;
using Chalk.Planning.Physical;
using Chalk.Sql.Sources;

namespace Chalk;

/// <summary>An in-process feature engine: answers queries for features from inputs, using plans compiled once per query shape.</summary>
/// <remarks>Immutable and safe to query from many threads at once. Create one with <see cref="CreateBuilder"/>.</remarks>
public sealed partial class ChalkEngine : IAsyncDisposable
{
    private const int MaxCachedPlans = 1024;

    private readonly EngineDefinitions _definitions;
    private readonly IReadOnlyList<SqlSource> _ownedSources;
    private readonly int _maxDegreeOfParallelism;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, PhysicalPlan> _plans = new(StringComparer.Ordinal);
    private readonly Store.IOnlineStore? _store;
    private readonly bool _ownsStore;
    private readonly Store.StoreWriteQueue? _writes;
    private readonly bool _anyStaleness;
    private readonly IServiceProvider? _ownedServices;
    private readonly Diagnostics.EngineTelemetry _telemetry;
    private int _disposed;

    internal ChalkEngine(EngineDefinitions definitions, IReadOnlyList<SqlSource> ownedSources, int maxDegreeOfParallelism, TimeProvider time,
        Store.IOnlineStore? store = null, bool ownsStore = false, IServiceProvider? ownedServices = null, Diagnostics.EngineTelemetry? telemetry = null)
    {
        _telemetry = telemetry ?? Diagnostics.EngineTelemetry.Silent;
        _ownedServices = ownedServices;
        _time = time;
        _definitions = definitions;
        _ownedSources = ownedSources;
        _maxDegreeOfParallelism = maxDegreeOfParallelism;
        _store = store;
        _ownsStore = ownsStore;
        _writes = store is null ? null : new Store.StoreWriteQueue(store,
            dropped: n => _telemetry.StoreWritesDropped(store.Name, n), failed: (e, n) => _telemetry.StoreWriteFailed(store.Name, e, n));
        _anyStaleness = definitions.Registry.Classes.SelectMany(c => c.Features).Any(f => f.MaxStaleness > TimeSpan.Zero);
    }

    /// <summary>The online store the engine reads features with a max staleness from and writes them to; null when it has none.</summary>
    public Store.IOnlineStore? OnlineStore => _store;

    /// <summary>Starts configuring an engine.</summary>
    public static ChalkEngineBuilder CreateBuilder() => new();

    /// <summary>The feature classes this engine knows.</summary>
    public FeatureRegistry Features => _definitions.Registry;

    /// <summary>Answers one query: the requested features for one set of inputs.</summary>
    /// <param name="inputs">Feature paths and values, e.g. <c>["review.id"] = 241L</c>. Numbers may be any numeric type that fits.</param>
    /// <param name="outputs">The features wanted, e.g. <c>review.normalized_rating</c> or <c>review.user.name</c>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The values, and an error for each feature that could not be computed.</returns>
    /// <exception cref="ChalkPlanException">An input or output is unknown, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">An input value does not fit its feature's type, or an input or output name is null or blank.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    /// <remarks>Features with a max staleness are read from the online store when it holds a young enough value; see
    /// <see cref="QueryAsync(IReadOnlyDictionary{string, object?}, IReadOnlyList{string}, QueryOptions?, CancellationToken)"/>.</remarks>
    public Task<OnlineResult> QueryAsync(IReadOnlyDictionary<string, object?> inputs, IReadOnlyList<string> outputs, CancellationToken cancellationToken = default)
        => QueryAsync(inputs, outputs, null, cancellationToken);

    /// <summary>Answers a batch of queries: one output row per input row, in input order.</summary>
    /// <param name="inputs">One column per input feature, named by its path (e.g. <c>user.id</c>).</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One column per output, named as requested. Features that failed for a row are null there; see <see cref="QueryBatchDetailedAsync(RecordBatch, IReadOnlyList{string}, string?, CancellationToken)"/> for the errors.</returns>
    /// <exception cref="ChalkPlanException">An input or output is unknown, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">An input column's type does not fit its feature's type, or an input or output name is null or blank.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    public async Task<RecordBatch> QueryBatchAsync(RecordBatch inputs, IReadOnlyList<string> outputs, CancellationToken cancellationToken = default)
        => (await QueryBatchDetailedAsync(inputs, outputs, cancellationToken).ConfigureAwait(false)).Table;

    /// <summary>Like <see cref="QueryBatchAsync(RecordBatch, IReadOnlyList{string}, CancellationToken)"/>, also returning the per-row feature errors.</summary>
    /// <inheritdoc cref="QueryBatchAsync(RecordBatch, IReadOnlyList{string}, CancellationToken)" path="/param"/>
    public Task<BatchResult> QueryBatchDetailedAsync(RecordBatch inputs, IReadOnlyList<string> outputs, CancellationToken cancellationToken = default)
        => QueryBatchDetailedAsync(inputs, outputs, asOf: null, cancellationToken);

    /// <summary>Answers a batch of point-in-time queries: each input row as of its own time.</summary>
    /// <param name="inputs">One column per input feature, named by its path, plus the <paramref name="asOf"/> column.</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="asOf">The name of a timestamp column of <paramref name="inputs"/> (not a feature): each row's time. Child rows
    /// whose time feature is after it are invisible to the row, and windows end at it. Null: every row as of now.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>One column per output, named as requested.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">The as-of column is missing, not a timestamp, or has nulls; an input column does not fit its feature; or an input or output name is null or blank.</exception>
    /// <exception cref="ChalkPlanException">An input or output is unknown, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    public async Task<RecordBatch> QueryBatchAsync(RecordBatch inputs, IReadOnlyList<string> outputs, string? asOf, CancellationToken cancellationToken = default)
        => (await QueryBatchDetailedAsync(inputs, outputs, asOf, cancellationToken).ConfigureAwait(false)).Table;

    /// <summary>Like <see cref="QueryBatchAsync(RecordBatch, IReadOnlyList{string}, string?, CancellationToken)"/>, also returning the per-row feature errors.</summary>
    /// <inheritdoc cref="QueryBatchAsync(RecordBatch, IReadOnlyList{string}, string?, CancellationToken)" path="/param"/>
    public Task<BatchResult> QueryBatchDetailedAsync(RecordBatch inputs, IReadOnlyList<string> outputs, string? asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputBatch.RequireNames(outputs, nameof(outputs));
        return RunBatchAsync(inputs, outputs, asOf, progress: null, cancellationToken);
    }

    /// <summary>The logical and physical plan for a query shape, and which path serves each output, as text.</summary>
    /// <param name="inputs">The input feature paths.</param>
    /// <param name="outputs">The output feature paths.</param>
    /// <param name="online">Plan as an online query (the default) or as a batch query, which may also use offline SQL resolvers.</param>
    /// <exception cref="ChalkPlanException">The query cannot be planned.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">An input or output name is null or blank.</exception>
    public string Explain(IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, bool online = true)
        => Explain(inputs, outputs, PlanFormat.Text, online);

    /// <summary>The plan for a query shape as text, or as a picture: a Mermaid flowchart or Graphviz DOT with one box per
    /// operator (lookup, aggregate, lifted body, per-row fallback, has-many fetch, existence check, online-store read) coloured by kind,
    /// and arrows from what each reads (dashed: which rows exist).</summary>
    /// <param name="inputs">The input feature paths.</param>
    /// <param name="outputs">The output feature paths.</param>
    /// <param name="format">Text, Mermaid or DOT.</param>
    /// <param name="online">Plan as an online query (the default) or as a batch query, which may also use offline SQL resolvers.</param>
    /// <exception cref="ChalkPlanException">The query cannot be planned.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">An input or output name is null or blank, or <paramref name="format"/> is not defined.</exception>
    public string Explain(IReadOnlyList<string> inputs, IReadOnlyList<string> outputs, PlanFormat format, bool online = true)
    {
        InputBatch.RequireNames(inputs, nameof(inputs));
        InputBatch.RequireNames(outputs, nameof(outputs));
        if (!Enum.IsDefined(format)) throw new ArgumentException($"format {(int)format} is not a PlanFormat; use Text, Mermaid or Dot", nameof(format));
        var resolved = InputBatch.ResolveInputs(_definitions.Registry, inputs);
        var plan = GetPlan(resolved, outputs, online, online ? ExplainedStore : null);
        return format switch
        {
            PlanFormat.Mermaid => Diagrams.PlanDiagram.Mermaid(Diagrams.PlanGraph.Of(plan, storeName: online ? _store?.Name : null)),
            PlanFormat.Dot => Diagrams.PlanDiagram.Dot(Diagrams.PlanGraph.Of(plan, storeName: online ? _store?.Name : null)),
            _ => PlanExplainer.Explain(plan, storeName: online ? _store?.Name : null),
        };
    }

    /// <summary>Runs one online query and returns its plan with the time each operator took (as PostgreSQL's
    /// <c>EXPLAIN ANALYZE</c>): as text, or drawn as <see cref="PlanFormat.Mermaid"/> or <see cref="PlanFormat.Dot"/>.</summary>
    /// <param name="inputs">Feature paths and values, as for <see cref="QueryAsync(IReadOnlyDictionary{string, object?}, IReadOnlyList{string}, CancellationToken)"/>.</param>
    /// <param name="outputs">The features wanted.</param>
    /// <param name="format">Text, Mermaid or DOT.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <remarks>The query runs as <see cref="QueryAsync(IReadOnlyDictionary{string, object?}, IReadOnlyList{string}, CancellationToken)"/>
    /// runs it: the online store is read first (its time and hits are shown), the plan shown is the one that ran with the
    /// hits as given values, and computed values are written back. Times are wall-clock per operator; operators of one
    /// level overlap, so they do not add up to the total, and an operator of a has-many child plan shows the sum over its runs.</remarks>
    /// <exception cref="ChalkPlanException">An input or output is unknown, or an output cannot be computed from the inputs.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> or <paramref name="outputs"/> is null.</exception>
    /// <exception cref="ArgumentException">An input value does not fit its feature's type, a name is null or blank, or <paramref name="format"/> is not defined.</exception>
    /// <exception cref="ChalkResolverException">A source failed.</exception>
    public async Task<string> ExplainAnalyzeAsync(IReadOnlyDictionary<string, object?> inputs, IReadOnlyList<string> outputs, PlanFormat format = PlanFormat.Text,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        InputBatch.RequireNames(outputs, nameof(outputs));
        if (!Enum.IsDefined(format)) throw new ArgumentException($"format {(int)format} is not a PlanFormat; use Text, Mermaid or Dot", nameof(format));
        var timings = new NodeTimings();
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        var (_, plan) = await QueryOnlineAsync(inputs, outputs, QueryOptions.Default, cancellationToken, timings).ConfigureAwait(false);
        timings.Total = System.Diagnostics.Stopwatch.GetElapsedTime(start);
        return format switch
        {
            PlanFormat.Mermaid => Diagrams.PlanDiagram.Mermaid(Diagrams.PlanGraph.Of(plan, timings)),
            PlanFormat.Dot => Diagrams.PlanDiagram.Dot(Diagrams.PlanGraph.Of(plan, timings)),
            _ => PlanExplainer.Explain(plan, timings, _store?.Name),
        };
    }

    private async Task<BatchResult> RunAsync(InputBatch input, IArrowArray? asOf, IReadOnlyList<string> outputs, bool online, CancellationToken cancellationToken,
        NodeTimings? timings = null, IProgress<QueryProgress>? progress = null)
        => (await RunCoreAsync(input, asOf, outputs, online, null, cancellationToken, timings, progress).ConfigureAwait(false)).Result;

    /// <summary>Plans and runs a query; with <paramref name="store"/>, the store's values for this query are columns of
    /// <paramref name="input"/> after the inputs' own (see <see cref="StoreQuery"/>).</summary>
    private async Task<(BatchResult Result, FrameState State, PhysicalPlan Plan)> RunCoreAsync(InputBatch input, IArrowArray? asOf, IReadOnlyList<string> outputs,
        bool online, StoreQuery? store, CancellationToken cancellationToken, NodeTimings? timings = null, IProgress<QueryProgress>? progress = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var plan = GetPlan(input.Paths, outputs, online, store);
        var state = new FrameState(plan.Layout, input.Batch.Length);
        state.SetColumn(FrameLayout.QueryTimeSlot, asOf ?? QueryTime.Constant(AsOfColumn.ToMicros(_time.GetUtcNow().UtcDateTime), input.Batch.Length));
        for (int i = 0; i < input.Paths.Count; i++) state.SetColumn(plan.InputSlot(input.Paths[i]), input.Batch.Column(i));
        // Columns past the inputs' own are values read from the online store.
        for (int i = 0; i < input.Stored.Count; i++) state.SetColumn(input.Stored[i], input.Batch.Column(input.Paths.Count + i));
        var tracker = progress is null ? null : new QueryProgressTracker(plan, input.Batch.Length, progress);
        var context = new QueryContext(cancellationToken, _maxDegreeOfParallelism, timings)
        {
            Store = _store, StoreWrites = _writes, Time = _time, Telemetry = _telemetry, Progress = tracker,
        };
        tracker?.Started();
        await PlanExecutor.RunAsync(plan, state, context).ConfigureAwait(false);
        var arrays = plan.OutputSlots.Select((o, i) => OnlyWhereExists(state.Column(o), plan.OutputGateSlots[i], state)).ToList();
        var fields = outputs.Select((name, i) => new Field(name, arrays[i].Data.DataType, true));
        var table = new RecordBatch(new Schema(fields, null), arrays, input.Batch.Length);
        var errors = state.Errors.OrderBy(e => e.Row).ThenBy(e => e.Feature, StringComparer.Ordinal).ToList();
        var missing = state.Missing.OrderBy(m => m.Row).ThenBy(m => m.Path, StringComparer.Ordinal).ToList();
        return (new BatchResult(table, errors) { MissingRows = missing }, state, plan);
    }

    // An output read at a place whose row does not exist is null there, even when it was given (an input) or is the key.
    private static IArrowArray OnlyWhereExists(IArrowArray values, int gate, FrameState state)
    {
        if (gate < 0 || Execution.Arrow.ArrowRows.WhereValid(state.Column(gate)) is not { } pick) return values;
        return Execution.Arrow.ArrowRows.Take(values, pick);
    }

    // Plans are explained as an online query with an empty store would run them: every stored feature looked up first.
    private StoreQuery? ExplainedStore => _store is not null && _anyStaleness ? new StoreQuery(Store.StalenessPolicy.Declared, []) : null;

    private PhysicalPlan GetPlan(IReadOnlyList<FeaturePath> inputs, IReadOnlyList<string> outputs, bool online, StoreQuery? store = null)
    {
        if (outputs.Count == 0) throw new ChalkPlanException("the query asks for no outputs; name at least one feature");
        var key = (online ? "online:" : "offline:") + string.Join(",", inputs.Select(i => i.Text).Order(StringComparer.Ordinal)) + "->" + string.Join(",", outputs)
            + (store is null ? "" : "|store:" + store.Policy.Signature + "|" + string.Join(",", store.Known.Select(k => k.Name).Order(StringComparer.Ordinal)));
        if (_plans.TryGetValue(key, out var cached)) return cached;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var root = inputs[0].Root;
        var resolvedOutputs = outputs.Select(o => ResolveOutput(root, o)).ToList();
        var planning = store is null ? null : new StorePlanning(store.Known, store.Policy.Cached);
        var logical = LogicalPlanner.Plan(_definitions, root, inputs.Select(PlanNode.ColumnOf).ToList(), resolvedOutputs, online, store: planning);
        var plan = PhysicalPlanner.Plan(logical, _definitions.Lifts);
        PlanBinder.Bind(plan);
        _telemetry.PlanBuilt(online, inputs, outputs, store is not null, plan, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (_plans.Count >= MaxCachedPlans) _plans.Clear();
        return _plans.GetOrAdd(key, plan);
    }

    private FeaturePath ResolveOutput(FeatureClassDefinition root, string name)
    {
        var registry = _definitions.Registry;
        var path = registry.TryResolve(name, out var error, out bool suggested);
        if (path is null)
        {
            var all = root.Features.Select(f => f.Path);
            var near = Suggest.Nearby(name, all.Concat(registry.AllFeatureNames()).Distinct());
            throw new ChalkPlanException(suggested || near.Count == 0
                ? error! : $"{error}; did you mean {string.Join(" or ", near.Select(n => $"'{n}'"))}?");
        }
        if (path.Root != root)
            throw new ChalkPlanException($"output '{name}' is a feature of {path.Root.Name}, but the inputs are features of {root.Name}; ask for it through a relation of {root.Name}");
        if (!path.IsSingleValued)
            throw new ChalkPlanException($"output '{name}' passes through a has-many relation, so it has many values per row; ask for an aggregate computed from it");
        if (path.Feature.Kind != FeatureKind.Scalar) throw RelationOutput.Error(_definitions, path);
        return path;
    }

    /// <summary>Sends queued write-backs, then disposes the online store, the sources and the service provider the engine owns.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        // Queued write-backs go out before the store closes.
        if (_writes is not null) await _writes.DisposeAsync().ConfigureAwait(false);
        if (_ownsStore) await _store!.DisposeAsync().ConfigureAwait(false);
        foreach (var s in _ownedSources) await s.DisposeAsync().ConfigureAwait(false);
        if (_ownedServices is IAsyncDisposable asyncServices) await asyncServices.DisposeAsync().ConfigureAwait(false);
        else if (_ownedServices is IDisposable services) services.Dispose();
        _telemetry.Dispose();
    }
}

/// <summary>The answer to a batch query: the output table and the per-row feature errors.</summary>
/// <param name="Table">One column per requested output, one row per input row.</param>
/// <param name="Errors">The features that failed, per row; their values are null in <paramref name="Table"/>.</param>
public sealed record BatchResult(RecordBatch Table, IReadOnlyList<FeatureError> Errors)
{
    /// <summary>The rows the query reached that do not exist (an input's key that names no row, a has-one key that is
    /// null or dangling), ordered by input row; every feature read at such a row is null in <see cref="Table"/>.</summary>
    public IReadOnlyList<MissingRow> MissingRows { get; init; } = [];

    /// <summary>The shape of the answer: rows, columns, failed features and missing rows (a record would print list type names).</summary>
    public override string ToString()
        => $"BatchResult {{ Rows = {Table.Length}, Columns = {string.Join(", ", Table.Schema.FieldsList.Select(f => f.Name))}, Errors = {Errors.Count}, MissingRows = {MissingRows.Count} }}";
}
