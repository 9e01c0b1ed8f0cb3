using System.Collections.Immutable;
using System.Reflection;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Expressions.Lifting.Symbolic;

internal sealed partial class Interpreter
{
    private void Step(Frame frame, IlInstruction ins, State s)
    {
        int at = ins.Offset;
        string name = ins.OpCode.Name!;
        switch (name)
        {
            case "nop" or "readonly." or "tail." or "volatile." or "constrained.":
                return;
            case "ldarg.0" or "ldarg.1" or "ldarg.2" or "ldarg.3":
                Load(s, name[^1] - '0', at);
                return;
            case "ldarg.s" or "ldarg":
                Load(s, (int)ins.Operand!, at);
                return;
            case "ldarga.s" or "ldarga":
                s.Push(new AddressSym((int)ins.Operand!, frame.SlotTypes[(int)ins.Operand!]));
                return;
            case "starg.s" or "starg":
                Store(frame, s, (int)ins.Operand!, at);
                return;
            case "ldloc.0" or "ldloc.1" or "ldloc.2" or "ldloc.3":
                Load(s, frame.ArgCount + (name[^1] - '0'), at);
                return;
            case "ldloc.s" or "ldloc":
                Load(s, frame.ArgCount + (int)ins.Operand!, at);
                return;
            case "ldloca.s" or "ldloca":
            {
                int slot = frame.ArgCount + (int)ins.Operand!;
                s.Push(new AddressSym(slot, frame.SlotTypes[slot]));
                return;
            }
            case "stloc.0" or "stloc.1" or "stloc.2" or "stloc.3":
                Store(frame, s, frame.ArgCount + (name[^1] - '0'), at);
                return;
            case "stloc.s" or "stloc":
                Store(frame, s, frame.ArgCount + (int)ins.Operand!, at);
                return;
            case "ldnull":
                s.Push(NullSym.Instance);
                return;
            case "ldc.i4.m1" or "ldc.i4.M1":
                s.Push(new ExprSym(Expr.Lit(-1), typeof(int)));
                return;
            case "ldc.i4.0" or "ldc.i4.1" or "ldc.i4.2" or "ldc.i4.3" or "ldc.i4.4" or "ldc.i4.5" or "ldc.i4.6" or "ldc.i4.7" or "ldc.i4.8":
                s.Push(new ExprSym(Expr.Lit(name[^1] - '0'), typeof(int)));
                return;
            case "ldc.i4.s" or "ldc.i4":
                s.Push(new ExprSym(Expr.Lit(Convert.ToInt32(ins.Operand, System.Globalization.CultureInfo.InvariantCulture)), typeof(int)));
                return;
            case "ldc.i8":
                s.Push(new ExprSym(Expr.Lit((long)ins.Operand!), typeof(long)));
                return;
            case "ldc.r4":
                s.Push(new ExprSym(Expr.Lit((float)ins.Operand!), typeof(float)));
                return;
            case "ldc.r8":
                s.Push(new ExprSym(Expr.Lit((double)ins.Operand!), typeof(double)));
                return;
            case "ldstr":
                s.Push(new ExprSym(Expr.Lit(frame.Module.ResolveString(ins.Token)), typeof(string)));
                return;
            case "dup":
                s.Push(s.Peek(at));
                return;
            case "pop":
                s.Pop(at);
                return;
            case "add" or "sub" or "mul" or "div" or "rem":
                Arithmetic(s, name, at);
                return;
            case "add.ovf" or "sub.ovf" or "mul.ovf":
                Arithmetic(s, name[..3] + "_checked", at);
                return;
            case "neg":
            {
                var a = AsExprSym(s.Pop(at), at);
                var e = a.Expr.Type == ExprType.Bool ? BoolToInt(a.Expr) : a.Expr;
                s.Push(Make(s, Expr.Call("neg", e), NumericClr(e.Type)));
                return;
            }
            case "and" or "or" or "xor":
                Bitwise(s, name, at);
                return;
            case "shl" or "shr" or "shr.un":
            {
                var count = s.Pop(at);
                var r = KnownCalls.IntegerBinary(name, s.Pop(at), count, at);
                s.Push(Make(s, r.Expr, r.ClrType));
                return;
            }
            case "not":
            {
                var r = KnownCalls.IntegerNot(s.Pop(at), at);
                s.Push(Make(s, r.Expr, r.ClrType));
                return;
            }
            case "ceq" or "cgt" or "clt" or "cgt.un" or "clt.un":
            {
                var b = s.Pop(at);
                var a = s.Pop(at);
                s.Push(Make(s, Compare(name, a, b, at), typeof(bool)));
                return;
            }
            case "call" or "callvirt":
                Call(frame, s, ins);
                return;
            case "newobj":
                NewObject(frame, s, ins);
                return;
            case "initobj":
                InitObject(frame, s, ins);
                return;
            case "ldsfld":
                LoadStaticField(frame, s, ins);
                return;
            case "stsfld":
                StoreStaticField(frame, s, ins);
                return;
            case "ldfld" or "ldflda" or "stfld":
                FieldAccess(frame, s, ins, name);
                return;
            case "ldftn":
                LoadFunction(frame, s, ins);
                return;
            case "newarr":
            {
                var t = frame.Module.ResolveType(ins.Token, frame.TypeArgs, frame.MethodArgs);
                var n = AsInt(s.Pop(at), at);
                if (n is not LiteralExpr { Value: int length } || length is < 0 or > MaxArrayLength)
                    throw new LiftFailure($"array of {t.Name} with a non-constant or large length (newarr)", at);
                s.Push(new ArraySym(t, new Sym?[length]));
                return;
            }
            case "stelem.ref" or "stelem":
            {
                var value = s.Pop(at);
                var index = AsInt(s.Pop(at), at);
                if (s.Pop(at) is not ArraySym array || index is not LiteralExpr { Value: int i } || i < 0 || i >= array.Elements.Length)
                    throw new LiftFailure($"array element store ({name}) other than a constant index into a new array", at);
                var elements = (Sym?[])array.Elements.Clone();
                elements[i] = value;
                var updated = new ArraySym(array.ElementType, elements);
                // Arrays are references: every copy of this array on the path sees the store.
                for (int k = 0; k < s.Slots.Length; k++)
                {
                    if (ReferenceEquals(s.Slots[k], array)) s.Slots[k] = updated;
                }
                s.Stack = s.Stack.Select(x => ReferenceEquals(x, array) ? updated : x).ToImmutableList();
                return;
            }
            case "box":
            {
                var t = frame.Module.ResolveType(ins.Token, frame.TypeArgs, frame.MethodArgs);
                throw new LiftFailure($"boxing of {t.Name} (conversion of a value to object)", at);
            }
        }
        if (name.StartsWith("conv.", StringComparison.Ordinal))
        {
            Conversion(s, name, at);
            return;
        }
        throw new LiftFailure(name switch
        {
            "ldsflda" => $"static field write or address ({name})",
            "newarr" or "ldlen" or "stelem" or "stelem.ref" or "stelem.i4" => $"array ({name})",
            _ when name.StartsWith("ldelem", StringComparison.Ordinal) || name.StartsWith("stelem", StringComparison.Ordinal) => $"array element access ({name})",
            "div.un" or "rem.un" => $"unsigned division ({name})",
            "add.ovf.un" or "sub.ovf.un" or "mul.ovf.un" => $"unsigned checked arithmetic ({name})",
            "ldind.i4" or "ldind.r8" or "stind.i4" or "ldind.ref" or "stind.ref" or "ldobj" or "stobj" => $"indirect load/store through a reference ({name})",
            "isinst" or "castclass" or "unbox" or "unbox.any" => $"type test or cast of an object ({name})",
            "ldvirtftn" or "calli" => $"function pointer or delegate ({name})",
            "localloc" or "cpblk" or "initblk" or "sizeof" or "mkrefany" or "refanyval" or "arglist" => $"unsafe or pointer code ({name})",
            "ldtoken" => "ldtoken (reflection metadata, e.g. a constant array initializer)",
            _ => $"IL instruction {name}",
        }, at);
    }

    private const int MaxArrayLength = 64;

    private static void Load(State s, int slot, int at)
    {
        var v = s.Slots[slot];
        if (v is UninitializedSym u) throw new LiftFailure($"use of a local or argument of type {u.ClrType.Name} that the IR cannot represent", at);
        s.Push(v);
    }

    private static void Store(Frame frame, State s, int slot, int at)
    {
        var v = s.Pop(at);
        s.Slots[slot] = Coerce(v, frame.SlotTypes[slot], at);
    }

    internal static ExprSym AsExprSym(Sym v, int at) => v switch
    {
        ExprSym e => e,
        NullSym => new ExprSym(Expr.Null(ExprType.Utf8), typeof(string)),
        _ => throw new LiftFailure($"a {Kind(v)} used as a scalar value", at),
    };

    private static string Kind(Sym v) => v switch
    {
        AddressSym a => $"managed reference to a {a.ClrType.Name}",
        ObjectSym o => $"feature object {o.Object}",
        QuerySym q => $"has-many relation '{q.Relation.Path}'",
        ElementSym e => $"row picked by {e.Kind} from '{e.Query.Relation.Path}'",
        DelegateSym d => $"delegate {d.ClrType.Name}",
        ClosureSym c => $"closure {c.ClrType.Name}",
        StructSym st => $"struct argument {st.ClrType.Name}",
        ParentObjectSym => "parent object (this) inside a lambda",
        ExceptionSym e => $"exception object {e.ClrType.Name}",
        HandlerSym => "string handler",
        _ => $"value of type {v.ClrType.Name}",
    };

    internal static Expr AsInt(Sym v, int at)
    {
        var e = AsExprSym(v, at).Expr;
        return e.Type == ExprType.Bool ? BoolToInt(e) : e;
    }

    internal static Expr AsBool(Sym v, int at)
    {
        switch (v)
        {
            case ExprSym { Expr.Type: ExprType.Bool } b:
                return b.Expr;
            case ExprSym { Expr.Type: ExprType.Int32 or ExprType.Int64 } i:
                return IntLiteralAsBool(i.Expr) ?? Expr.Call("ne", i.Expr, i.Expr.Type == ExprType.Int32 ? Expr.Lit(0) : Expr.Lit(0L));
            case ExprSym { Expr.Type: ExprType.Utf8 } str:
                return Expr.Not(Expr.IsNull(str.Expr));
            case NullSym:
                return Expr.Lit(false);
            case ObjectSym o:
                return o.Object.IsMissing is null ? Expr.Lit(true) : Expr.Not(o.Object.IsMissing);
            case ElementSym e:
                return Conditionals.Not(PickedRowIsNull(e, at));
            default:
                throw new LiftFailure($"a {Kind(v)} used as a condition", at);
        }
    }

    /// <summary>Converts a value to the CLR type of the slot, parameter or return it flows into.</summary>
    internal static Sym Coerce(Sym v, Type target, int at)
    {
        if (target.IsByRef) throw new LiftFailure($"ref/out/in value of type {target.GetElementType()?.Name}", at);
        if (!TypeMap.TryMap(target, out var et, out _))
        {
            if (v is ExprSym or NullSym && target != typeof(object) && !target.IsAssignableFrom(v.ClrType))
                throw new LiftFailure($"value stored as {target.Name}, which has no IR type", at);
            return v;
        }
        if (v is NullSym)
        {
            if (et == ExprType.Utf8 || TypeMap.IsNullable(target)) return new ExprSym(Expr.Null(et), target);
            throw new LiftFailure($"null stored as {target.Name}", at);
        }
        var e = AsExprSym(v, at).Expr;
        if (e.Type == et) return new ExprSym(e, target);
        if (et == ExprType.Bool && e.Type is ExprType.Int32) return new ExprSym(AsBool(v, at), target);
        if (et == ExprType.Int32 && e.Type == ExprType.Bool) return new ExprSym(BoolToInt(e), target);
        throw new LiftFailure($"a {e.Type.Name()} value used as {target.Name}", at);
    }

    internal static Expr AsExpr(Sym v, Type target, int at) => ((ExprSym)Coerce(v, target, at)).Expr;

    private static Type NumericClr(ExprType t) => t.ClrType();

    private static void Arithmetic(State s, string fn, int at)
    {
        var b = AsInt(s.Pop(at), at);
        var a = AsInt(s.Pop(at), at);
        if (a.Type != b.Type) throw new LiftFailure($"{fn} of {a.Type.Name()} and {b.Type.Name()} (mixed operand types)", at);
        if (!a.Type.IsNumeric()) throw new LiftFailure($"{fn} on {a.Type.Name()} values", at);
        if (fn.EndsWith("_checked", StringComparison.Ordinal) && a.Type.IsFloat()) fn = fn[..3];
        s.Push(Make(s, Expr.Call(fn, a, b), a.Type.ClrType()));
    }

    private static void Bitwise(State s, string op, int at)
    {
        var bs = s.Pop(at);
        var as_ = s.Pop(at);
        var a = AsExprSym(as_, at).Expr;
        var b = AsExprSym(bs, at).Expr;
        if (a.Type == ExprType.Bool || b.Type == ExprType.Bool)
        {
            // Bool logic only when both sides are bools (a literal 0/1 is `false`/`true`); a bool mixed with another
            // int is bitwise on 0/1, which `x != 0` would get wrong (`true & 2` is 0).
            var ab = a.Type == ExprType.Bool ? a : IntLiteralAsBool(a);
            var bb = b.Type == ExprType.Bool ? b : IntLiteralAsBool(b);
            if (ab is not null && bb is not null)
            {
                s.Push(Make(s, Expr.Call(op, ab, bb), typeof(bool)));
                return;
            }
        }
        var r = KnownCalls.IntegerBinary(op, as_, bs, at);
        s.Push(Make(s, r.Expr, r.ClrType));
    }

    private static void Conversion(State s, string name, int at)
    {
        var v = AsInt(s.Pop(at), at);
        bool isChecked = name.StartsWith("conv.ovf.", StringComparison.Ordinal);
        string target = isChecked ? name["conv.ovf.".Length..] : name["conv.".Length..];
        if (target.EndsWith(".un", StringComparison.Ordinal) || target == "r.un")
            throw new LiftFailure($"unsigned conversion ({name})", at);
        ExprType? to = target switch
        {
            "i4" => ExprType.Int32,
            "i8" => ExprType.Int64,
            "r4" => ExprType.Float32,
            "r8" => ExprType.Float64,
            _ => null,
        };
        if (to is not ExprType t)
            throw new LiftFailure($"conversion {name}: the IR has no {target} type (only int32, int64, float32, float64)", at);
        if (!v.Type.IsNumeric()) throw new LiftFailure($"conversion {name} of a {v.Type.Name()}", at);
        if (!isChecked || t.IsFloat() || v.Type == t || (v.Type == ExprType.Int32 && t == ExprType.Int64))
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
