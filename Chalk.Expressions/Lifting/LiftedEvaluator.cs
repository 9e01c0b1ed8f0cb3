using Apache.Arrow;

namespace Chalk.Expressions.Lifting;

/// <summary>Evaluates lifted expressions over a batch with the vectorized evaluator.</summary>
public static class LiftedEvaluator
{
    /// <summary>Evaluates a lifted expression.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="batch">The input; its columns are named like the expression's columns.</param>
    /// <returns>The values and row errors.</returns>
    /// <remarks>Compiles the expression against the batch's schema each call; callers that evaluate many batches
    /// (the engine) compile once with <see cref="ExpressionCompiler"/> instead.</remarks>
    public static EvaluationResult Evaluate(Expr expr, RecordBatch batch)
        => ExpressionCompiler.Compile([expr], batch.Schema).EvaluateSingle(batch);
}
