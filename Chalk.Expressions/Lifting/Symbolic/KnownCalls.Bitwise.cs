using System.Reflection.Metadata;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Integer bitwise IL (<c>and or xor not shl shr shr.un</c>) as IR calls; the interpreter handles bool and/or/xor itself.</summary>
internal static partial class KnownCalls
{
    /// <summary>
    /// <c>and</c>/<c>or</c>/<c>xor</c>/<c>shl</c>/<c>shr</c>/<c>shr.un</c> (<paramref name="name"/> is its mnemonic, for messages) on int32/int64 operands (bools count as 0/1,
    /// as they are in IL). Shift counts arrive already masked by C# (<c>&amp; 31</c>/<c>&amp; 63</c> in IL), and the
    /// IR functions mask again, which changes nothing for C# code.
    /// </summary>
    public static ExprSym IntegerBinary(ILOpCode code, string name, Sym left, Sym right, int at)
    {
        var a = Interpreter.AsInt(left, at);
        var b = Interpreter.AsInt(right, at);
        if (!a.Type.IsInteger()) throw new LiftFailure($"bitwise {name} on {a.Type.Name()} values", at);
        bool shift = code is ILOpCode.Shl or ILOpCode.Shr or ILOpCode.Shr_un;
        if (shift && b.Type != ExprType.Int32) throw new LiftFailure($"bit shift ({name}) by a {b.Type.Name()} count", at);
        if (!shift && a.Type != b.Type) throw new LiftFailure($"bitwise {name} of {a.Type.Name()} and {b.Type.Name()} (mixed operand types)", at);
        string fn = code switch
        {
            ILOpCode.Shl => "shl",
            ILOpCode.Shr => "shr",
            ILOpCode.Shr_un => "shr_un",
            ILOpCode.And => "bit_and",
            ILOpCode.Or => "bit_or",
            ILOpCode.Xor => "bit_xor",
            _ => throw new ChalkInternalException($"lifter: {name} is not a bitwise instruction"),
        };
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
