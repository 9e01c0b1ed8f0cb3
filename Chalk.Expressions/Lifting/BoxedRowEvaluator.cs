using Apache.Arrow;

namespace Chalk.Expressions.Lifting;

/// <summary>
/// A stop-gap copy of <see cref="ReferenceEvaluator"/> for the lifted path: on this branch's base, the numeric function
/// families box their results through <c>double</c> (a switch expression's natural type), so an int32 <c>add</c> returns a
/// boxed double and int64 results lose precision. This evaluator computes the int64 results itself and re-boxes the
/// others to the call's type. Delete it once the IR's fix (branch <c>exprs</c>) is merged; <see cref="LiftedEvaluator"/> then
/// calls <see cref="ReferenceEvaluator"/> or the vectorized compiler.
/// </summary>
internal static class BoxedRowEvaluator
{
    private sealed class RowFailure(string message) : Exception(message);

    public static EvaluationResult Evaluate(Expr expr, RecordBatch batch)
    {
        var values = new object?[batch.Length];
        var errors = new List<RowError>();
        var columns = new Dictionary<string, IArrowArray>(StringComparer.Ordinal);
        for (int row = 0; row < batch.Length; row++)
        {
            int r = row;
            object? Column(string name)
            {
                if (!columns.TryGetValue(name, out var arr))
                {
                    int idx = batch.Schema.GetFieldIndex(name);
                    if (idx < 0) throw new ArgumentException($"column '{name}' is not in the batch.", nameof(batch));
                    columns[name] = arr = batch.Column(idx);
                }
                return ArrowValues.GetValue(arr, r);
            }
            try
            {
                values[row] = Eval(expr, Column);
            }
            catch (RowFailure f)
            {
                errors.Add(new RowError(row, f.Message));
            }
            catch (ArithmeticException e)
            {
                errors.Add(new RowError(row, e.Message));
            }
            catch (ArgumentException e) when (e.ParamName != nameof(batch))
            {
                errors.Add(new RowError(row, e.Message));
            }
        }
        return new EvaluationResult(ArrowValues.BuildArray(expr.Type, values), errors);
    }

    /// <summary>Folds an expression whose leaves are literals: a literal, or an error value when it fails.</summary>
    public static Expr FoldConstant(Expr e)
    {
        try
        {
            return new LiteralExpr(Eval(e, _ => throw new ChalkInternalException("constant folding read a column")), e.Type);
        }
        catch (RowFailure f)
        {
            return new ErrorExpr(f.Message, e.Type);
        }
        catch (ArithmeticException x)
        {
            return new ErrorExpr(x.Message, e.Type);
        }
        catch (ArgumentException x)
        {
            return new ErrorExpr(x.Message, e.Type);
        }
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
                return Cast(Eval(cast.Operand, column), cast.Type);
            case CallExpr call:
                var args = new object?[call.Args.Count];
                bool anyNull = false;
                for (int k = 0; k < args.Length; k++)
                {
                    args[k] = Eval(call.Args[k], column);
                    anyNull |= args[k] is null;
                }
                if (anyNull && call.Function.NullHandling == NullHandling.Propagate) return null;
                if (call.Type == ExprType.Int64 && Int64Call(call.Name, args, out var exact)) return exact;
                return Rebox(call.Function.Invoke(args, call.Signature), call.Type);
            default:
                throw new ChalkInternalException($"lifted evaluator: unknown node {e.GetType().Name}");
        }
    }

    private static object? Rebox(object? v, ExprType type) => (v, type) switch
    {
        (double d, ExprType.Int32) => (int)d,
        (double d, ExprType.Float32) => (float)d,
        _ => v,
    };

    private static object? Cast(object? v, ExprType target) => (v, target) switch
    {
        (null, _) => null,
        (int i, ExprType.Int32) => i,
        (int i, ExprType.Int64) => (long)i,
        (int i, ExprType.Float32) => (float)i,
        (int i, ExprType.Float64) => (double)i,
        (long l, ExprType.Int32) => unchecked((int)l),
        (long l, ExprType.Int64) => l,
        (long l, ExprType.Float32) => (float)l,
        (long l, ExprType.Float64) => (double)l,
        (float f, ExprType.Int32) => (int)f,
        (float f, ExprType.Int64) => (long)f,
        (float f, ExprType.Float32) => f,
        (float f, ExprType.Float64) => (double)f,
        (double d, ExprType.Int32) => (int)d,
        (double d, ExprType.Int64) => (long)d,
        (double d, ExprType.Float32) => (float)d,
        (double d, ExprType.Float64) => d,
        _ => v,
    };

    private static bool Int64Call(string name, object?[] a, out object? result)
    {
        result = null;
        if (a.Length == 0 || a[0] is not long x) return false;
        long y = a.Length > 1 && a[1] is long l1 ? l1 : 0;
        result = name switch
        {
            "add" => unchecked(x + y),
            "sub" => unchecked(x - y),
            "mul" => unchecked(x * y),
            "div" => x / y,
            "rem" => x % y,
            "min" => Math.Min(x, y),
            "max" => Math.Max(x, y),
            "add_checked" => checked(x + y),
            "sub_checked" => checked(x - y),
            "mul_checked" => checked(x * y),
            "neg" => unchecked(-x),
            "abs" => Math.Abs(x),
            "clamp" => Math.Clamp(x, y, (long)a[2]!),
            _ => null,
        };
        return result is not null;
    }
}
