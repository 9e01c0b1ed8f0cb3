using System.Text;
using Apache.Arrow;
using Chalk.Expressions.Compilation;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions;

/// <summary>A compiled set of expressions: a DAG of steps with shared subexpressions, evaluated chunk by chunk.</summary>
/// <remarks>
/// Thread-safe: each <see cref="Evaluate"/> call has its own step state and chunk buffers (sized down for small
/// batches). The states of a finished call are kept for the next one of the same chunk size, so a steady stream of
/// evaluations reuses its scratch memory instead of allocating it per call. A batch of at least 128K rows is split into
/// one range of whole chunks per core and evaluated on several threads at once (unless a result is a string, whose
/// bytes are appended in row order); values, nulls and row errors are the same either way.
/// </remarks>
public sealed class CompiledExpressions
{
    private readonly Step[] _steps;
    private readonly int[] _roots;
    private readonly (int Index, ExprType Type)[] _columns;
    // Step states of finished evaluations, one per thread that may evaluate at once: reused instead of allocated.
    private readonly EvaluationState?[] _spares = new EvaluationState?[Math.Max(1, Environment.ProcessorCount)];

    internal CompiledExpressions(IReadOnlyList<Expr> expressions, Step[] steps, int[] roots, (int, ExprType)[] columns, int chunkSize)
    {
        Expressions = expressions;
        _steps = steps;
        _roots = roots;
        _columns = columns;
        ChunkSize = chunkSize;
    }

    /// <summary>The expressions after simplification, in compile order.</summary>
    public IReadOnlyList<Expr> Expressions { get; }

    /// <summary>The number of distinct steps (subexpressions) evaluated per chunk, after CSE.</summary>
    public int StepCount => _steps.Length;

    /// <summary>Rows per chunk.</summary>
    public int ChunkSize { get; }

    /// <summary>Evaluates every expression over a batch.</summary>
    /// <param name="batch">The input; its schema must have the compiled columns at the compiled positions and types.</param>
    /// <returns>One value (array or scalar) and one row-error list per expression.</returns>
    /// <remarks>
    /// The result arrays are the caller's. Disposing one lets a later evaluation reuse its large buffers; one that is
    /// not disposed is left to the GC and stays valid for as long as anything (the array, or memory or a span taken
    /// from it) refers to it.
    /// </remarks>
    /// <exception cref="ArgumentException">The batch does not match the compiled schema.</exception>
    public EvaluationBatchResult Evaluate(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach (var (index, type) in _columns)
        {
            if (index >= batch.ColumnCount || !ExprTypes.TryFromArrow(batch.Column(index).Data.DataType, out var t) || t != type)
                throw new ArgumentException($"batch column {index} does not have the compiled type {type.Name()}.", nameof(batch));
        }
        int n = batch.Length;
        // Small batches (online queries) get small buffers; chunks stay a multiple of 64 rows.
        int chunk = Math.Min(ChunkSize, Math.Max(64, (n + 63) & ~63));
        var outputs = new OutputBuilder?[_roots.Length];
        var results = new ColumnarValue?[_roots.Length];
        var errors = new IReadOnlyList<RowError>[_roots.Length];
        int workers = Workers(n, chunk);
        var state = TakeState(chunk);
        for (int r = 0; r < _roots.Length; r++)
        {
            if (_steps[_roots[r]] is LiteralStep)
            {
                // A constant result stays a scalar; it is never expanded here.
                state.Steps[_roots[r]].Execute(state.Values, batch, 0, n);
                results[r] = ColumnarValue.FromScalar(_steps[_roots[r]].Type, state.Values[_roots[r]].Scalar, n);
                errors[r] = [];
            }
            else
            {
                outputs[r] = new OutputBuilder(_steps[_roots[r]].Type, n, concurrent: workers > 1);
            }
        }
        if (workers > 1) EvaluateInParallel(batch, outputs, state, chunk, workers);
        else Run(state, batch, outputs, null, 0, n);
        for (int r = 0; r < _roots.Length; r++)
        {
            if (outputs[r] is { } o)
            {
                results[r] = ColumnarValue.FromArray(_steps[_roots[r]].Type, o.Build());
                errors[r] = o.Errors;
            }
        }
        // Only a call that finished gives its state back (a throwing kernel may have left it half-written).
        GiveBack(state);
        return new EvaluationBatchResult(results!, errors);
    }

    /// <summary>A spare step state for chunks of <paramref name="chunk"/> rows, or a new one; taking a spare makes it
    /// this thread's alone, so concurrent evaluations never share one.</summary>
    private EvaluationState TakeState(int chunk)
    {
        for (int i = 0; i < _spares.Length; i++)
        {
            if (Volatile.Read(ref _spares[i]) is null) continue;
            var state = Interlocked.Exchange(ref _spares[i], null);
            if (state is not null && state.Capacity == chunk) return state;
        }
        return new EvaluationState(_steps, chunk);
    }

    /// <summary>Forgets what <paramref name="state"/> last evaluated and keeps it for a later evaluation (or drops it when every slot is taken).</summary>
    private void GiveBack(EvaluationState state)
    {
        state.Release();
        for (int i = 0; i < _spares.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _spares[i], state, null) is null) return;
        }
    }

    // Rows per thread below which one thread is quicker than starting more.
    private const int MinRowsPerWorker = 1 << 16;

    /// <summary>How many threads evaluate a batch of <paramref name="n"/> rows: one for online-sized batches and for
    /// results with a utf8 column (appended in row order), else up to one per core with at least 64K rows each.</summary>
    private int Workers(int n, int chunk)
    {
        if (n < 2 * MinRowsPerWorker || Environment.ProcessorCount < 2) return 1;
        foreach (int root in _roots)
        {
            if (_steps[root] is not LiteralStep && _steps[root].Type == ExprType.Utf8) return 1;
        }
        return Math.Min(Environment.ProcessorCount, Math.Max(1, n / MinRowsPerWorker));
    }

    /// <summary>Splits the rows into one range of whole chunks per thread (so each writes its own validity words) and
    /// evaluates them at once, each with its own step state; row errors are gathered per thread, then in row order.</summary>
    private void EvaluateInParallel(RecordBatch batch, OutputBuilder?[] outputs, EvaluationState first, int chunk, int workers)
    {
        int n = batch.Length;
        int chunks = (n + chunk - 1) / chunk;
        var errors = new List<RowError>[workers][];
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
            {
                int from = (int)Math.Min(n, (long)chunks * w / workers * chunk);
                int to = (int)Math.Min(n, (long)chunks * (w + 1) / workers * chunk);
                var state = w == 0 ? first : TakeState(chunk);
                errors[w] = outputs.Select(_ => new List<RowError>()).ToArray();
                Run(state, batch, outputs, errors[w], from, to);
                if (w != 0) GiveBack(state);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
        for (int r = 0; r < outputs.Length; r++)
        {
            foreach (var perWorker in errors) outputs[r]?.AddErrors(perWorker[r]);
        }
    }

    /// <summary>Evaluates rows <paramref name="from"/> to <paramref name="to"/> chunk by chunk into the outputs.</summary>
    private void Run(EvaluationState state, RecordBatch batch, OutputBuilder?[] outputs, List<RowError>[]? errors, int from, int to)
    {
        var steps = state.Steps;
        var values = state.Values;
        for (int start = from; start < to; start += state.Capacity)
        {
            int length = Math.Min(state.Capacity, to - start);
            for (int r = 0; r < _roots.Length; r++)
            {
                if (outputs[r] is { } o && values[_roots[r]].Redirect.IsEmpty) values[_roots[r]].Redirect = o.Destination(start, length);
            }
            foreach (var step in steps) step.Execute(values, batch, start, length);
            for (int r = 0; r < _roots.Length; r++)
            {
                if (outputs[r] is not { } o) continue;
                if (errors is null) o.Append(values[_roots[r]], start, length);
                else o.Append(values[_roots[r]], start, length, errors[r]);
            }
            foreach (int root in _roots) values[root].Redirect = Memory<byte>.Empty;
        }
    }

    /// <summary>Evaluates and returns the first expression's result (for single-expression sets).</summary>
    /// <param name="batch">The input.</param>
    /// <returns>The values and row errors of expression 0.</returns>
    public EvaluationResult EvaluateSingle(RecordBatch batch) => Evaluate(batch)[0];

    /// <summary>Lists the steps, one per line (<c>#slot = expression</c>), for plans and tests.</summary>
    /// <returns>The listing.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < _steps.Length; i++) sb.Append('#').Append(i).Append(' ').Append(_steps[i].GetType().Name).AppendLine();
        return sb.ToString();
    }
}
