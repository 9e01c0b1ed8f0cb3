using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Metadata;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Expressions.Lifting.Symbolic;

internal sealed partial class Interpreter
{
    private void Step(Frame frame, IlInstruction ins, State s)
    {
        int at = ins.Offset;
        switch (ins.Code)
        {
            case ILOpCode.Nop or ILOpCode.Readonly or ILOpCode.Tail or ILOpCode.Volatile or ILOpCode.Constrained:
                return;
            case ILOpCode.Ldarg:
                Load(s, (int)ins.Operand!, at);
                return;
            case ILOpCode.Ldarga:
                s.Push(new AddressSym((int)ins.Operand!, frame.SlotTypes[(int)ins.Operand!]));
                return;
            case ILOpCode.Starg:
                Store(frame, s, (int)ins.Operand!, at);
                return;
            case ILOpCode.Ldloc:
                Load(s, frame.ArgCount + (int)ins.Operand!, at);
                return;
            case ILOpCode.Ldloca:
            {
                int slot = frame.ArgCount + (int)ins.Operand!;
                s.Push(new AddressSym(slot, frame.SlotTypes[slot]));
                return;
            }
            case ILOpCode.Stloc:
                Store(frame, s, frame.ArgCount + (int)ins.Operand!, at);
                return;
            case ILOpCode.Ldnull:
                s.Push(NullSym.Instance);
                return;
            case ILOpCode.Ldc_i4:
                s.Push(new ExprSym(Expr.Lit((int)ins.Operand!), typeof(int)));
                return;
            case ILOpCode.Ldc_i8:
                s.Push(new ExprSym(Expr.Lit((long)ins.Operand!), typeof(long)));
                return;
            case ILOpCode.Ldc_r4:
                s.Push(new ExprSym(Expr.Lit((float)ins.Operand!), typeof(float)));
                return;
            case ILOpCode.Ldc_r8:
                s.Push(new ExprSym(Expr.Lit((double)ins.Operand!), typeof(double)));
                return;
            case ILOpCode.Ldstr:
                s.Push(new ExprSym(Expr.Lit(frame.Module.ResolveString(ins.Token)), typeof(string)));
                return;
            case ILOpCode.Dup:
                s.Push(s.Peek(at));
                return;
            case ILOpCode.Pop:
                s.Pop(at);
                return;
            case ILOpCode.Add or ILOpCode.Sub or ILOpCode.Mul or ILOpCode.Div or ILOpCode.Rem
                or ILOpCode.Add_ovf or ILOpCode.Sub_ovf or ILOpCode.Mul_ovf:
                Arithmetic(s, ArithmeticFunction(ins.Code), at);
                return;
            case ILOpCode.Neg:
            {
                var a = AsExprSym(s.Pop(at), at);
                var e = a.Expr.Type == ExprType.Bool ? BoolToInt(a.Expr) : a.Expr;
                s.Push(Make(s, Expr.Call("neg", e), NumericClr(e.Type)));
                return;
            }
            case ILOpCode.And or ILOpCode.Or or ILOpCode.Xor:
                Bitwise(s, ins, at);
                return;
            case ILOpCode.Shl or ILOpCode.Shr or ILOpCode.Shr_un:
            {
                var count = s.Pop(at);
                var r = KnownCalls.IntegerBinary(ins.Code, ins.Name, s.Pop(at), count, at);
                s.Push(Make(s, r.Expr, r.ClrType));
                return;
            }
            case ILOpCode.Not:
            {
                var r = KnownCalls.IntegerNot(s.Pop(at), at);
                s.Push(Make(s, r.Expr, r.ClrType));
                return;
            }
            case ILOpCode.Ceq or ILOpCode.Cgt or ILOpCode.Clt or ILOpCode.Cgt_un or ILOpCode.Clt_un:
            {
                var b = s.Pop(at);
                var a = s.Pop(at);
                s.Push(Make(s, Compare(ins.Code, ins.Name, a, b, at), typeof(bool)));
                return;
            }
            case ILOpCode.Call or ILOpCode.Callvirt:
                Call(frame, s, ins);
                return;
            case ILOpCode.Newobj:
                NewObject(frame, s, ins);
                return;
            case ILOpCode.Initobj:
                InitObject(frame, s, ins);
                return;
            case ILOpCode.Ldsfld:
                LoadStaticField(frame, s, ins);
                return;
            case ILOpCode.Stsfld:
                StoreStaticField(frame, s, ins);
                return;
            case ILOpCode.Ldfld or ILOpCode.Ldflda or ILOpCode.Stfld:
                FieldAccess(frame, s, ins);
                return;
            case ILOpCode.Ldftn:
                LoadFunction(frame, s, ins);
                return;
            case ILOpCode.Newarr:
            {
                var t = frame.Module.ResolveType(ins.Token, frame.TypeArgs, frame.MethodArgs);
                var n = AsInt(s.Pop(at), at);
                if (n is not LiteralExpr { Value: int length } || length is < 0 or > MaxArrayLength)
                    throw new LiftFailure($"array of {t.Name} with a non-constant or large length (newarr)", at);
                s.Push(new ArraySym(t, new Sym?[length]));
                return;
            }
            case ILOpCode.Stelem_ref or ILOpCode.Stelem:
            {
                var value = s.Pop(at);
                var index = AsInt(s.Pop(at), at);
                if (s.Pop(at) is not ArraySym array || index is not LiteralExpr { Value: int i } || i < 0 || i >= array.Elements.Length)
                    throw new LiftFailure($"array element store ({ins.Name}) other than a constant index into a new array", at);
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
            case ILOpCode.Box:
            {
                var t = frame.Module.ResolveType(ins.Token, frame.TypeArgs, frame.MethodArgs);
                throw new LiftFailure($"boxing of {t.Name} (conversion of a value to object)", at);
            }
        }
        if (IlConversions.TryGet(ins.Code, out var conversion))
        {
            Conversion(s, conversion, ins.Name, at);
            return;
        }
        throw new LiftFailure(Refusal(ins.Code, ins.Name), at);
    }

    /// <summary>Why an instruction the interpreter does not model stops the lift.</summary>
    private static string Refusal(ILOpCode code, string name) => code switch
    {
        ILOpCode.Ldsflda => $"static field write or address ({name})",
        ILOpCode.Ldlen or ILOpCode.Stelem_i4 => $"array ({name})",
        ILOpCode.Ldelema or ILOpCode.Ldelem or ILOpCode.Ldelem_i or ILOpCode.Ldelem_i1 or ILOpCode.Ldelem_i2
            or ILOpCode.Ldelem_i4 or ILOpCode.Ldelem_i8 or ILOpCode.Ldelem_u1 or ILOpCode.Ldelem_u2 or ILOpCode.Ldelem_u4
            or ILOpCode.Ldelem_r4 or ILOpCode.Ldelem_r8 or ILOpCode.Ldelem_ref or ILOpCode.Stelem_i or ILOpCode.Stelem_i1
            or ILOpCode.Stelem_i2 or ILOpCode.Stelem_i8 or ILOpCode.Stelem_r4 or ILOpCode.Stelem_r8 => $"array element access ({name})",
        ILOpCode.Div_un or ILOpCode.Rem_un => $"unsigned division ({name})",
        ILOpCode.Add_ovf_un or ILOpCode.Sub_ovf_un or ILOpCode.Mul_ovf_un => $"unsigned checked arithmetic ({name})",
        ILOpCode.Ldind_i4 or ILOpCode.Ldind_r8 or ILOpCode.Stind_i4 or ILOpCode.Ldind_ref or ILOpCode.Stind_ref
            or ILOpCode.Ldobj or ILOpCode.Stobj => $"indirect load/store through a reference ({name})",
        ILOpCode.Isinst or ILOpCode.Castclass or ILOpCode.Unbox or ILOpCode.Unbox_any => $"type test or cast of an object ({name})",
        ILOpCode.Ldvirtftn or ILOpCode.Calli => $"function pointer or delegate ({name})",
        ILOpCode.Localloc or ILOpCode.Cpblk or ILOpCode.Initblk or ILOpCode.Sizeof or ILOpCode.Mkrefany
            or ILOpCode.Refanyval or ILOpCode.Arglist => $"unsafe or pointer code ({name})",
        ILOpCode.Ldtoken => "ldtoken (reflection metadata, e.g. a constant array initializer)",
        _ => $"IL instruction {name}",
    };

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

    /// <summary>The IR function of an arithmetic instruction (the checked one for <c>add.ovf</c>, <c>sub.ovf</c>, <c>mul.ovf</c>).</summary>
    private static string ArithmeticFunction(ILOpCode code) => code switch
    {
        ILOpCode.Add => "add",
        ILOpCode.Sub => "sub",
        ILOpCode.Mul => "mul",
        ILOpCode.Div => "div",
        ILOpCode.Rem => "rem",
        ILOpCode.Add_ovf => "add_checked",
        ILOpCode.Sub_ovf => "sub_checked",
        ILOpCode.Mul_ovf => "mul_checked",
        _ => throw new ChalkInternalException($"lifter: {code} is not an arithmetic instruction"),
    };

    private static void Arithmetic(State s, string fn, int at)
    {
        var b = AsInt(s.Pop(at), at);
        var a = AsInt(s.Pop(at), at);
        if (a.Type != b.Type) throw new LiftFailure($"{fn} of {a.Type.Name()} and {b.Type.Name()} (mixed operand types)", at);
        if (!a.Type.IsNumeric()) throw new LiftFailure($"{fn} on {a.Type.Name()} values", at);
        if (fn.EndsWith("_checked", StringComparison.Ordinal) && a.Type.IsFloat()) fn = fn[..3];
        s.Push(Make(s, Expr.Call(fn, a, b), a.Type.ClrType()));
    }

    private static void Bitwise(State s, IlInstruction ins, int at)
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
                string logic = ins.Code switch { ILOpCode.And => "and", ILOpCode.Or => "or", _ => "xor" };
                s.Push(Make(s, Expr.Call(logic, ab, bb), typeof(bool)));
                return;
            }
        }
        var r = KnownCalls.IntegerBinary(ins.Code, ins.Name, as_, bs, at);
        s.Push(Make(s, r.Expr, r.ClrType));
    }
}
