using System.Reflection;
using Apache.Arrow;

namespace Chalk.Expressions.Lifting;

/// <summary>The outcome of lifting one method: the expression, or the reason it could not be lifted; and a way to evaluate it either way.</summary>
public sealed class LiftResult
{
    private readonly Lazy<RowInvoker> _fallback;

    internal LiftResult(MethodInfo method, Expr? expression, string? reason, int gas)
    {
        Method = method;
        Expression = expression;
        Reason = reason;
        Gas = gas;
        _fallback = new Lazy<RowInvoker>(() => new RowInvoker(method));
    }

    /// <summary>The lifted method.</summary>
    public MethodInfo Method { get; }

    /// <summary>Whether the method was lifted into <see cref="Expression"/>.</summary>
    public bool Succeeded => Expression is not null;

    /// <summary>The simplified, hash-consed expression (parameters are <c>col("&lt;parameter name&gt;")</c>), or null when lifting failed.</summary>
    public Expr? Expression { get; }

    /// <summary>Why lifting failed: the construct, its IL offset, the method and, with a PDB, the source line; null on success.</summary>
    public string? Reason { get; }

    /// <summary>The estimated per-row work of <see cref="Expression"/> after CSE (<see cref="LiftGas.Estimate"/>); 0 when lifting failed.</summary>
    public int Gas { get; }

    /// <summary>Evaluates the method over a batch whose columns are named like its parameters.</summary>
    /// <param name="batch">The input; a parameter of type <c>T</c> (not <c>T?</c>, not string) must have no nulls.</param>
    /// <returns>One value per row; rows on which the method throws get a null value and a <see cref="RowError"/> with the exception's message.</returns>
    /// <remarks>
    /// A lifted method is evaluated through the IR (<see cref="LiftedEvaluator"/>); otherwise the compiled method is
    /// called once per row. Both give the same values and row errors.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="batch"/> is null.</exception>
    /// <exception cref="ArgumentException">A parameter's column is missing.</exception>
    /// <exception cref="NotSupportedException">Lifting failed for an instance member, which has no per-row fallback here.</exception>
    public EvaluationResult Evaluate(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Expression is not null ? LiftedEvaluator.Evaluate(Expression, batch) : _fallback.Value.Evaluate(batch);
    }

    /// <summary>Evaluates with the per-row fallback even when lifting succeeded (for differential tests and benchmarks).</summary>
    /// <param name="batch">The input.</param>
    /// <returns>The values and row errors of calling the compiled method per row.</returns>
    public EvaluationResult EvaluatePerRow(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return _fallback.Value.Evaluate(batch);
    }

    /// <inheritdoc/>
    public override string ToString() => Succeeded ? $"lifted (gas {Gas}): {Expression}" : $"not lifted: {Reason}";
}

