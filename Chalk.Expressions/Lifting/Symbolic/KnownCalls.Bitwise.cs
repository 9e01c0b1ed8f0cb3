namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Integer bitwise IL (<c>and or xor not shl shr shr.un</c>) as IR calls; the interpreter handles bool and/or/xor itself.</summary>
internal static partial class KnownCalls
{
    /// <summary>
    /// <c>and</c>/<c>or</c>/<c>xor</c>/<c>shl</c>/<c>shr</c>/<c>shr.un</c> on int32/int64 operands (bools count as 0/1,
    /// as they are in IL). Shift counts arrive already masked by C# (<c>&amp; 31</c>/<c>&amp; 63</c> in IL), and the
    /// IR functions mask again, which changes nothing for C# code.
    /// </summary>
    public static ExprSym IntegerBinary(string op, Sym left, Sym right, int at)
    {
        var a = Interpreter.AsInt(left, at);
        var b = Interpreter.AsInt(right, at);
        if (!a.Type.IsInteger()) throw new LiftFailure($"bitwise {op} on {a.Type.Name()} values", at);
        string fn;
        if (op is "shl" or "shr" or "shr.un")
        {
            if (b.Type != ExprType.Int32) throw new LiftFailure($"bit shift ({op}) by a {b.Type.Name()} count", at);
            fn = op switch { "shl" => "shl", "shr" => "shr", _ => "shr_un" };
        }
        else
        {
            if (a.Type != b.Type) throw new LiftFailure($"bitwise {op} of {a.Type.Name()} and {b.Type.Name()} (mixed operand types)", at);
            fn = "bit_" + op;
        }
        return new ExprSym(Expr.Call(fn, a, b), a.Type.ClrType());
    }

    /// <summary>IL <c>not</c>: C#'s <c>~</c> on int/long (C#'s <c>!</c> on bool compiles to a comparison, not to this).</summary>
    public static ExprSym IntegerNot(Sym operand, int at)
    {
        var a = Interpreter.AsInt(operand, at);
        if (!a.Type.IsInteger()) throw new LiftFailure($"bitwise complement (not) on {a.Type.Name()} values", at);
        return new ExprSym(Expr.Call("bit_not", a), a.Type.ClrType());
    }
}
