using System.Text;
using Apache.Arrow;
using Chalk.Expressions.Compilation;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions;

/// <summary>A compiled set of expressions: a DAG of steps with shared subexpressions, evaluated chunk by chunk.</summary>
/// <remarks>
/// Thread-safe: each <see cref="Evaluate"/> call has its own step state and chunk buffers (sized down for small
/// batches). The state of a finished call is kept for the next one of the same chunk size, so a steady stream of
/// evaluations reuses its scratch memory instead of allocating it per call.
/// </remarks>
public sealed class CompiledExpressions
{
    private readonly Step[] _steps;
    private readonly int[] _roots;
    private readonly (int Index, ExprType Type)[] _columns;
    private EvaluationState? _spare;

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
        // Taking the spare makes it this call's alone; a concurrent call finds none and builds its own.
        var state = Interlocked.Exchange(ref _spare, null);
        if (state is null || state.Capacity != chunk) state = new EvaluationState(_steps, chunk);
        var steps = state.Steps;
        var values = state.Values;
        var outputs = new OutputBuilder?[_roots.Length];
        var results = new ColumnarValue?[_roots.Length];
        var errors = new IReadOnlyList<RowError>[_roots.Length];
        for (int r = 0; r < _roots.Length; r++)
        {
            if (_steps[_roots[r]] is LiteralStep)
            {
                // A constant result stays a scalar; it is never expanded here.
                steps[_roots[r]].Execute(values, batch, 0, n);
                results[r] = ColumnarValue.FromScalar(_steps[_roots[r]].Type, values[_roots[r]].Scalar, n);
                errors[r] = [];
            }
            else
            {
                outputs[r] = new OutputBuilder(_steps[_roots[r]].Type, n);
            }
        }
        for (int start = 0; start < n; start += chunk)
        {
            int length = Math.Min(chunk, n - start);
            for (int r = 0; r < _roots.Length; r++)
            {
                if (outputs[r] is { } o && values[_roots[r]].Redirect.IsEmpty) values[_roots[r]].Redirect = o.Destination(start, length);
            }
            foreach (var step in steps) step.Execute(values, batch, start, length);
            for (int r = 0; r < _roots.Length; r++)
            {
                outputs[r]?.Append(values[_roots[r]], start, length);
            }
            foreach (int root in _roots) values[root].Redirect = Memory<byte>.Empty;
        }
        for (int r = 0; r < _roots.Length; r++)
        {
            if (outputs[r] is { } o)
            {
                results[r] = ColumnarValue.FromArray(_steps[_roots[r]].Type, o.Build());
                errors[r] = o.Errors;
            }
        }
        // Only a call that finished gives its state back (a throwing kernel may have left it half-written).
        state.Release();
        Volatile.Write(ref _spare, state);
        return new EvaluationBatchResult(results!, errors);
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
