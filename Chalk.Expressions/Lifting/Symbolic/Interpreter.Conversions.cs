namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>The <c>conv</c> instructions: casts between int32, int64, float32 and float64, checked ones failing the row on overflow.</summary>
internal sealed partial class Interpreter
{
    private static void Conversion(State s, IlConversion conversion, string name, int at)
    {
        var v = AsInt(s.Pop(at), at);
        if (conversion.Unsigned) throw new LiftFailure($"unsigned conversion ({name})", at);
        if (conversion.To is not ExprType t)
            throw new LiftFailure($"conversion {name}: the IR has no {conversion.Target} type (only int32, int64, float32, float64)", at);
        if (!v.Type.IsNumeric()) throw new LiftFailure($"conversion {name} of a {v.Type.Name()}", at);
        if (!conversion.Checked || t.IsFloat() || v.Type == t || (v.Type == ExprType.Int32 && t == ExprType.Int64))
        {
            s.Push(Make(s, v.Type == t ? v : Expr.Cast(v, t), t.ClrType()));
            return;
        }
        // Checked narrowing: in range (NaN is out of range) casts, else the row fails like OverflowException.
        Expr inRange = (v.Type, t) switch
        {
            (ExprType.Int64, ExprType.Int32) => Expr.And(Expr.Call("ge", v, Expr.Lit((long)int.MinValue)), Expr.Call("le", v, Expr.Lit((long)int.MaxValue))),
            (ExprType.Float64, ExprType.Int32) => Expr.And(Expr.Call("gt", v, Expr.Lit(-2147483649.0)), Expr.Call("lt", v, Expr.Lit(2147483648.0))),
            (ExprType.Float64, ExprType.Int64) => Expr.And(Expr.Call("ge", v, Expr.Lit(-9223372036854775808.0)), Expr.Call("lt", v, Expr.Lit(9223372036854775808.0))),
            (ExprType.Float32, ExprType.Int32) => Expr.And(Expr.Call("ge", v, Expr.Lit(-2147483648f)), Expr.Call("lt", v, Expr.Lit(2147483648f))),
            (ExprType.Float32, ExprType.Int64) => Expr.And(Expr.Call("ge", v, Expr.Lit(-9223372036854775808f)), Expr.Call("lt", v, Expr.Lit(9223372036854775808f))),
            _ => throw new LiftFailure($"checked conversion {name} from {v.Type.Name()}", at),
        };
        s.Push(Make(s, Expr.If(inRange, Expr.Cast(v, t), Expr.Error(OverflowMessage, t)), t.ClrType()));
    }
}
