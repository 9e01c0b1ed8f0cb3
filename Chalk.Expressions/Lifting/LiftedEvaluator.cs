using Apache.Arrow;

namespace Chalk.Expressions.Lifting;

/// <summary>Evaluates lifted expressions over a batch.</summary>
public static class LiftedEvaluator
{
    /// <summary>Evaluates a lifted expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="batch">The input.</param>
    /// <returns>The values and row errors.</returns>
    /// <remarks>
    /// Row at a time, with <see cref="ReferenceEvaluator"/>'s semantics (<see cref="BoxedRowEvaluator"/>). When the vectorized
    /// <c>ExpressionCompiler</c> lands, this one line becomes <c>ExpressionCompiler.Compile([expr], batch.Schema).Evaluate(batch)</c>.
    /// </remarks>
    public static EvaluationResult Evaluate(Expr expr, RecordBatch batch) => BoxedRowEvaluator.Evaluate(expr, batch);
}
