using System.Reflection;
using System.Reflection.Metadata;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Comparisons and branch conditions (<c>ceq cgt clt</c>, the <c>b*</c> forms, reference tests with null), and static field loads.</summary>
internal sealed partial class Interpreter
{
    /// <summary>
    /// The IL comparisons (<c>ceq cgt clt cgt.un clt.un</c> and the branch forms) as a bool expression; <paramref name="code"/>
    /// is the general form of the instruction and <paramref name="op"/> its mnemonic, for messages.
    /// </summary>
    internal static Expr Compare(ILOpCode code, string op, Sym a, Sym b, int at)
    {
        // Reference comparisons with null: `x == null`, `x != null` (cgt.un), objects from the binder.
        if (a is NullSym || b is NullSym || a is ObjectSym || b is ObjectSym || a is ElementSym || b is ElementSym)
        {
            var other = a is NullSym ? b : a;
            Expr isNull = other switch
            {
                NullSym => Expr.Lit(true),
                ObjectSym o => o.Object.IsMissing ?? Expr.Lit(false),
                ElementSym e => PickedRowIsNull(e, at),
                ExprSym { Expr.Type: ExprType.Utf8 } e => Expr.IsNull(e.Expr),
                _ => throw new LiftFailure($"reference comparison ({op}) of a {Kind(other)}", at),
            };
            if (a is not NullSym && b is not NullSym) throw new LiftFailure($"reference comparison ({op}) of two objects", at);
            return code switch
            {
                ILOpCode.Ceq or ILOpCode.Beq => isNull,
                ILOpCode.Cgt_un or ILOpCode.Bne_un => Expr.Not(isNull),
                _ => throw new LiftFailure($"ordering comparison ({op}) with null", at),
            };
        }
        var x = AsExprSym(a, at).Expr;
        var y = AsExprSym(b, at).Expr;
        if (x.Type != y.Type)
        {
            if (x.Type == ExprType.Bool && IntLiteralAsBool(y) is { } yb) y = yb;
            else if (y.Type == ExprType.Bool && IntLiteralAsBool(x) is { } xb) x = xb;
            else
            {
                x = x.Type == ExprType.Bool ? BoolToInt(x) : x;
                y = y.Type == ExprType.Bool ? BoolToInt(y) : y;
            }
        }
        if (x.Type != y.Type) throw new LiftFailure($"comparison ({op}) of {x.Type.Name()} and {y.Type.Name()}", at);
        if (x.Type == ExprType.Utf8) throw new LiftFailure($"reference comparison ({op}) of two strings", at);
        var (rel, unsigned) = Relation(code, op, at);
        if (x.Type == ExprType.Bool && !x.Nullable && !y.Nullable && (x is LiteralExpr || y is LiteralExpr) && rel is "eq" or "ne")
        {
            // `b == false` is how C# compiles `!b`.
            var (lit, other) = x is LiteralExpr l ? (l, y) : ((LiteralExpr)y, x);
            bool same = (bool)lit.Value! == (rel != "ne");
            return same ? other : Conditionals.Not(other);
        }
        // Bools order as 0 and 1, signed or not: Roslyn normalizes a bool to 0/1 with `cgt.un` against 0 (`b ? 1 : 0`
        // inside arithmetic compiles to the bool itself).
        if (x.Type == ExprType.Bool && rel is not ("eq" or "ne"))
        {
            if (rel == "gt" && y is LiteralExpr { Value: false } && !x.Nullable) return x;
            if (rel == "lt" && x is LiteralExpr { Value: false } && !y.Nullable) return y;
            return Expr.Call(rel, BoolToInt(x), BoolToInt(y));
        }
        if (rel is "eq") return Expr.Call("eq", x, y);
        if (rel is "ne") return Expr.Not(Expr.Call("eq", x, y));
        if (!unsigned) return Expr.Call(rel, x, y);
        if (x.Type.IsFloat())
        {
            // Unordered float comparison: true when either is NaN, i.e. the negation of the opposite ordered test.
            string opposite = rel switch { "gt" => "le", "lt" => "ge", "ge" => "lt", _ => "gt" };
            return Expr.Not(Expr.Call(opposite, x, y));
        }
        if (!x.Type.IsInteger()) throw new LiftFailure($"unsigned comparison ({op}) of {x.Type.Name()}", at);
        return rel switch
        {
            "lt" => UnsignedLess(x, y),
            "gt" => UnsignedLess(y, x),
            "ge" => Expr.Not(UnsignedLess(x, y)),
            _ => Expr.Not(UnsignedLess(y, x)),
        };
    }

    /// <summary>The IR relation a comparison or conditional branch tests, and whether it is unsigned (unordered for floats).</summary>
    private static (string Relation, bool Unsigned) Relation(ILOpCode code, string op, int at) => code switch
    {
        ILOpCode.Ceq or ILOpCode.Beq => ("eq", false),
        ILOpCode.Bne_un => ("ne", true),
        ILOpCode.Cgt or ILOpCode.Bgt => ("gt", false),
        ILOpCode.Clt or ILOpCode.Blt => ("lt", false),
        ILOpCode.Bge => ("ge", false),
        ILOpCode.Ble => ("le", false),
        ILOpCode.Cgt_un or ILOpCode.Bgt_un => ("gt", true),
        ILOpCode.Clt_un or ILOpCode.Blt_un => ("lt", true),
        ILOpCode.Bge_un => ("ge", true),
        ILOpCode.Ble_un => ("le", true),
        _ => throw new LiftFailure($"comparison {op}", at),
    };

    /// <summary>Unsigned <c>a &lt; b</c> on signed values: the signed result, flipped when the signs differ.</summary>
    private static Expr UnsignedLess(Expr a, Expr b)
    {
        Expr zero = a.Type == ExprType.Int32 ? Expr.Lit(0) : Expr.Lit(0L);
        return Expr.Call("xor", Expr.Call("lt", a, b), Expr.Call("xor", Expr.Call("lt", a, zero), Expr.Call("lt", b, zero)));
    }

    private static Expr BranchCondition(IlInstruction ins, State s)
    {
        int at = ins.Offset;
        switch (ins.Code)
        {
            case ILOpCode.Brtrue:
                return AsBool(s.Pop(at), at);
            case ILOpCode.Brfalse:
                return Expr.Not(AsBool(s.Pop(at), at));
            default:
            {
                var b = s.Pop(at);
                var a = s.Pop(at);
                return Compare(ins.Code, ins.Name, a, b, at);
            }
        }
    }

    private static void LoadStaticField(Frame frame, State s, IlInstruction ins)
    {
        FieldInfo f = frame.Module.ResolveField(ins.Token, frame.TypeArgs, frame.MethodArgs)
            ?? throw new LiftFailure("unresolvable field token", ins.Offset);
        string what = $"{f.DeclaringType?.Name}.{f.Name}";
        if (TryLoadCacheField(f, s)) return;
        if (f.DeclaringType?.Name.StartsWith("<>c", StringComparison.Ordinal) == true)
            throw new LiftFailure($"lambda or delegate (compiler-generated cache field {what})", ins.Offset);
        if (!f.IsInitOnly && !f.IsLiteral) throw new LiftFailure($"read of mutable static field {what} (its value could change after lifting)", ins.Offset);
        if (!TypeMap.TryMap(f.FieldType, out var et, out _)) throw new LiftFailure($"static readonly field {what} of type {f.FieldType.Name}, which has no IR type", ins.Offset);
        var value = f.GetValue(null);
        if (value is null)
        {
            s.Push(new ExprSym(Expr.Null(et), f.FieldType));
            return;
        }
        var u = TypeMap.Underlying(f.FieldType);
        if (u != f.FieldType) value = Convert.ChangeType(value, u, System.Globalization.CultureInfo.InvariantCulture);
        s.Push(new ExprSym(Expr.Lit(value, et), f.FieldType));
    }
}
