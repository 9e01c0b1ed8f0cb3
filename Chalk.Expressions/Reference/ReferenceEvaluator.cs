using Apache.Arrow;

namespace Chalk.Expressions;

/// <summary>The value of an expression on one row, or the error that failed it.</summary>
/// <param name="Value">The boxed value (null when null or failed).</param>
/// <param name="Error">The row error's message, or null.</param>
public readonly record struct RowValue(object? Value, string? Error);

/// <summary>A row-at-a-time interpreter of the IR on boxed values: the oracle for the kernels and the lifter.</summary>
/// <remarks>
/// Evaluates like C#: call arguments left to right (the first failure wins), only the taken branch of
/// <c>if</c>, operands of <c>coalesce</c> until the first non-null. A function that throws an
/// <see cref="ArithmeticException"/> or <see cref="ArgumentException"/> fails the row with the exception's message.
/// </remarks>
public static class ReferenceEvaluator
{
    private sealed class RowFailure(string message) : Exception(message);

    /// <summary>Evaluates an expression on one row.</summary>
    /// <param name="expr">The expression.</param>
    /// <param name="column">Returns a column's boxed value (IR CLR type or null) by name.</param>
    /// <returns>The value or the error.</returns>
    public static RowValue EvaluateRow(Expr expr, Func<string, object?> column)
    {
        try
        {
            return new RowValue(Eval(expr, column), null);
        }
        catch (RowFailure f)
        {
            return new RowValue(null, f.Message);
        }
        catch (ArithmeticException e)
        {
            return new RowValue(null, e.Message);
        }
        catch (ArgumentException e)
        {
            return new RowValue(null, e.Message);
        }
    }

    /// <summary>Evaluates an expression over every row of a batch, row by row.</summary>
    /// <param name="expr">The expression; its columns are looked up by name in the batch's schema.</param>
    /// <param name="batch">The input.</param>
    /// <returns>The values and row errors.</returns>
    /// <exception cref="ArgumentException">A column is missing from the batch.</exception>
    public static EvaluationResult Evaluate(Expr expr, RecordBatch batch)
    {
        var values = new object?[batch.Length];
        var errors = new List<RowError>();
        var cache = new Dictionary<string, IArrowArray>(StringComparer.Ordinal);
        for (int row = 0; row < batch.Length; row++)
        {
            int r = row;
            var v = EvaluateRow(expr, name =>
            {
                if (!cache.TryGetValue(name, out var arr))
                {
                    int idx = SchemaFields.IndexOf(batch.Schema, name);
                    if (idx < 0) throw new ArgumentException($"column '{name}' is not in the batch.", nameof(batch));
                    cache[name] = arr = batch.Column(idx);
                }
                return ArrowValues.GetValue(arr, r);
            });
            values[row] = v.Value;
            if (v.Error is not null) errors.Add(new RowError(row, v.Error));
        }
        return new EvaluationResult(ArrowValues.BuildArray(expr.Type, values), errors);
    }

    private static object? Eval(Expr e, Func<string, object?> column)
    {
        switch (e)
        {
            case ColumnExpr c:
                return column(c.Name);
            case LiteralExpr l:
                return l.Value;
            case ErrorExpr err:
                throw new RowFailure(err.Message);
            case AggregateExpr agg:
                throw new InvalidOperationException($"the reference evaluator cannot evaluate the aggregate {agg}; give its value as a column");
            case IsNullExpr n:
                return Eval(n.Operand, column) is null;
            case IfExpr i:
                return Eval(i.Condition, column) is true ? Eval(i.Then, column) : Eval(i.Else, column);
            case CoalesceExpr co:
                foreach (var o in co.Operands)
                {
                    var v = Eval(o, column);
                    if (v is not null) return v;
                }
                return null;
            case CastExpr cast:
                return Casts.Convert(Eval(cast.Operand, column), cast.Type);
            case CallExpr call:
                var args = new object?[call.Args.Count];
                bool anyNull = false;
                for (int k = 0; k < args.Length; k++)
                {
                    args[k] = Eval(call.Args[k], column);
                    anyNull |= args[k] is null;
                }
                if (anyNull && call.Function.NullHandling == NullHandling.Propagate) return null;
                return call.Function.Invoke(args, call.Signature);
            default:
                throw new ChalkInternalException($"reference evaluator: unknown node {e.GetType().Name}");
        }
    }
}
