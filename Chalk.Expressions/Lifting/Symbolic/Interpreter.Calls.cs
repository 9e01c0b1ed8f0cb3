using System.Reflection;
using System.Runtime.CompilerServices;
using Chalk.Expressions.Lifting.Il;

namespace Chalk.Expressions.Lifting.Symbolic;

internal sealed partial class Interpreter
{
    private void Call(Frame frame, State s, IlInstruction ins)
    {
        int at = ins.Offset;
        var m = frame.Module.ResolveMethod(ins.Token, frame.TypeArgs, frame.MethodArgs)
            ?? throw new LiftFailure("unresolvable method token", at);
        var ps = m.GetParameters();
        var args = new Sym[ps.Length];
        for (int i = ps.Length - 1; i >= 0; i--) args[i] = s.Pop(at);
        Sym? receiver = m.IsStatic ? null : s.Pop(at);
        string what = $"{m.DeclaringType?.Name}.{m.Name}";
        var declaring = m.DeclaringType;

        if (declaring is { IsGenericType: true } && declaring.GetGenericTypeDefinition() == typeof(Nullable<>))
        {
            NullableCall(frame, s, m, receiver!, args, at);
            return;
        }
        if (declaring == typeof(DefaultInterpolatedStringHandler))
        {
            HandlerCall(s, m, receiver!, args, at);
            return;
        }
        if (TryRelationCall(frame, s, m, receiver, args, at)) return;
        if (receiver is ObjectSym obj && m is MethodInfo getter)
        {
            BoundCall(frame, s, obj, getter, args, at);
            return;
        }
        if (m is MethodInfo method && KnownCalls.TryLift(method, receiver is null ? null : ReceiverValue(s, receiver, at), args, s, at, out var result))
        {
            s.Push(Make(s, result!.Expr, result.ClrType));
            return;
        }
        if (m is MethodInfo user && m.IsStatic && m.GetMethodBody() is not null && !IsFrameworkAssembly(m.Module.Assembly))
        {
            s.Push(Inline(frame, s, user, args, at));
            return;
        }
        if (m.GetMethodBody() is null && !IsFrameworkAssembly(m.Module.Assembly))
            throw new LiftFailure($"call to {what}, which has no IL body (abstract, extern or an interface)", at);
        if (!m.IsStatic && !IsFrameworkAssembly(m.Module.Assembly))
            throw new LiftFailure($"call to instance method {what} on a {(receiver is null ? "value" : Kind(receiver))}", at);
        throw new LiftFailure($"call to {what}({string.Join(", ", ps.Select(p => p.ParameterType.Name))}): no IR function for it", at);
    }

    internal static bool IsFrameworkAssembly(Assembly a)
    {
        var n = a.GetName().Name ?? "";
        return n.StartsWith("System", StringComparison.Ordinal) || n.StartsWith("Microsoft.", StringComparison.Ordinal) || n is "mscorlib" or "netstandard";
    }

    /// <summary>The value a value-type call's receiver stands for (through <c>ldarga</c>/<c>ldloca</c>).</summary>
    private static Sym ReceiverValue(State s, Sym receiver, int at)
    {
        if (receiver is FieldAddressSym fa)
        {
            return fa.Closure.Fields.TryGetValue(fa.Field.Name, out var captured) ? captured
                : throw new LiftFailure($"read of captured variable {fa.Field.Name} before it is assigned", at);
        }
        if (receiver is AddressSym a)
        {
            var v = s.Slots[a.Slot];
            if (v is UninitializedSym u) throw new LiftFailure($"use of a local of type {u.ClrType.Name} that the IR cannot represent", at);
            return v;
        }
        return receiver;
    }

    private static void NullableCall(Frame frame, State s, MethodBase m, Sym receiver, Sym[] args, int at)
    {
        var nullableType = m.DeclaringType!;
        var t = Nullable.GetUnderlyingType(nullableType)!;
        if (m is ConstructorInfo)
        {
            if (receiver is not AddressSym addr) throw new LiftFailure("Nullable constructor called on a non-address", at);
            s.Slots[addr.Slot] = Coerce(new ExprSym(AsExpr(args[0], t, at), nullableType), frame.SlotTypes[addr.Slot], at);
            return;
        }
        var value = AsExprSym(ReceiverValue(s, receiver, at), at).Expr;
        switch (m.Name, args.Length)
        {
            case ("get_HasValue", 0):
                s.Push(new ExprSym(Expr.Not(Expr.IsNull(value)), typeof(bool)));
                return;
            case ("get_Value", 0):
                s.Push(Make(s, s.KnownNonNull(value) ? value : Expr.If(Expr.IsNull(value), Expr.Error(NullableMessage, value.Type), value), t));
                s.AssumeNonNull(value);
                return;
            case ("GetValueOrDefault", 0):
                TypeMap.TryDefault(t, out var zero);
                s.Push(new ExprSym(s.KnownNonNull(value) ? value : Expr.Coalesce(value, zero!), t));
                return;
            case ("GetValueOrDefault", 1):
                s.Push(Make(s, s.KnownNonNull(value) ? value : Expr.Coalesce(value, AsExpr(args[0], t, at)), t));
                return;
            default:
                throw new LiftFailure($"Nullable<{t.Name}>.{m.Name}", at);
        }
    }

    private static void HandlerCall(State s, MethodBase m, Sym receiver, Sym[] args, int at)
    {
        if (receiver is not AddressSym addr) throw new LiftFailure("DefaultInterpolatedStringHandler used by value", at);
        if (m is ConstructorInfo)
        {
            if (args.Length != 2) throw new LiftFailure("DefaultInterpolatedStringHandler with an IFormatProvider (string.Create(provider, …)): only the provider-less handler lifts", at);
            s.Slots[addr.Slot] = new HandlerSym(Expr.Lit(""));
            return;
        }
        if (s.Slots[addr.Slot] is not HandlerSym h) throw new LiftFailure("DefaultInterpolatedStringHandler used before its constructor", at);
        var ps = m.GetParameters();
        switch (m.Name)
        {
            case "AppendLiteral":
            case "AppendFormatted" when ps.Length == 1 && ps[0].ParameterType == typeof(string):
                s.Slots[addr.Slot] = new HandlerSym(Expr.Call("concat", h.Text, AsExpr(args[0], typeof(string), at)));
                return;
            case "AppendFormatted" when m.IsGenericMethod && ps.Length == 1 && m.GetGenericArguments()[0] == typeof(string):
                s.Slots[addr.Slot] = new HandlerSym(Expr.Call("concat", h.Text, AsExpr(args[0], typeof(string), at)));
                return;
            case "AppendFormatted":
            {
                var hole = m.IsGenericMethod ? m.GetGenericArguments()[0] : null;
                var shown = hole?.Name ?? string.Join(", ", ps.Select(p => p.ParameterType.Name));
                // Numbers and dates format with the current culture's NumberFormatInfo/DateTimeFormatInfo; bool, char,
                // enums and TimeSpan's default format do not, so they get no culture reason.
                bool cultural = hole is not null && (hole == typeof(int) || hole == typeof(long) || hole == typeof(float) || hole == typeof(double)
                    || hole == typeof(decimal) || hole == typeof(DateTime) || hole == typeof(DateTimeOffset));
                throw new LiftFailure(cultural
                    ? $"string interpolation of a {shown} ({m.Name}<{shown}>): C# formats the value with the current culture, and the IR's to_string is culture-invariant"
                    : $"string interpolation of a {shown} ({m.Name}<{shown}>): no IR function formats a {shown} as text", at);
            }
            case "ToStringAndClear":
                s.Push(new ExprSym(h.Text, typeof(string)));
                return;
            default:
                throw new LiftFailure($"DefaultInterpolatedStringHandler.{m.Name}", at);
        }
    }

    private void BoundCall(Frame frame, State s, ObjectSym obj, MethodInfo getter, Sym[] args, int at) => s.Push(BindMember(frame, s, obj, getter, args, at));

    /// <summary>The value of a getter called on a feature object: what the binder says, or the getter's IL inlined.</summary>
    private Sym BindMember(Frame frame, State s, ObjectSym obj, MethodInfo getter, Sym[] args, int at)
    {
        string what = $"{getter.DeclaringType?.Name}.{getter.Name}";
        if (args.Length != 0 || !getter.IsSpecialName || !getter.Name.StartsWith("get_", StringComparison.Ordinal))
            throw new LiftFailure($"call to {what} on feature object {obj.Object}: only property getters can be bound", at);
        var binding = _options.MemberBinder?.Bind(obj.Object, getter);
        Sym value;
        if (binding?.Scalar is { } scalar)
        {
            if (!TypeMap.TryMap(getter.ReturnType, out var et, out _) || et != scalar.Type)
                throw new LiftFailure($"binder returned a {scalar.Type.Name()} for {what}, which returns {getter.ReturnType.Name}", at);
            value = new ExprSym(scalar, getter.ReturnType);
        }
        else if (binding?.Object is { } related)
        {
            value = new ObjectSym(related);
        }
        else if (binding?.Relation is { } relation)
        {
            // A missing holder makes every aggregate over the relation a NullReferenceException (see WithRelationMissing).
            var holderMissing = obj.Object.IsMissing is { } hm && !(s.Facts.TryGetValue(hm, out var hk) && !hk) ? hm : null;
            return QuerySym.Of(relation, holderMissing);
        }
        else if (getter.GetMethodBody() is not null && !IsFrameworkAssembly(getter.Module.Assembly))
        {
            value = Inline(frame, s, getter, [obj], at);
        }
        else
        {
            throw new LiftFailure(_options.MemberBinder is null
                ? $"instance getter {what} on {obj.Object} needs LiftOptions.MemberBinder"
                : $"the member binder has no binding for {what} on {obj.Object}", at);
        }
        if (obj.Object.IsMissing is { } missing && !(s.Facts.TryGetValue(missing, out var m) && !m))
        {
            if (value is not ExprSym es) throw new LiftFailure($"{what} on a possibly missing relation {obj.Object} (use ?. with a scalar)", at);
            value = Make(s, Expr.If(missing, Expr.Error(NullReferenceMessage, es.Expr.Type), es.Expr), es.ClrType);
        }
        return value;
    }

    private Sym Inline(Frame frame, State s, MethodInfo callee, Sym[] args, int at)
    {
        if (frame.Depth + 1 > _options.MaxInlineDepth)
            throw new LiftFailure($"inlining depth limit ({_options.MaxInlineDepth}) reached at call to {Describe(callee)} (recursion or deep call chain)", at);
        var ps = callee.GetParameters();
        int argBase = callee.IsStatic ? 0 : 1;
        var coerced = new Sym[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            if (i < argBase)
            {
                coerced[i] = args[i];
                continue;
            }
            var pt = ps[i - argBase].ParameterType;
            if (pt.IsByRef) throw new LiftFailure($"call to {Describe(callee)} with a ref/out/in parameter", at);
            coerced[i] = Coerce(args[i], pt, at);
        }
        Expr value;
        try
        {
            value = Run(callee, coerced, frame.Depth + 1, s.Facts);
        }
        catch (LiftFailure f) when (f.IlOffset < 0)
        {
            // A whole-method problem of the callee (no body, unsupported signature) is reported at the call site.
            throw new LiftFailure($"{f.Construct} (in callee {Describe(callee)})", at) { Method = frame.Method };
        }
        return Make(s, value, callee.ReturnType);
    }

    private static void NewObject(Frame frame, State s, IlInstruction ins)
    {
        int at = ins.Offset;
        var ctor = (ConstructorInfo)(frame.Module.ResolveMethod(ins.Token, frame.TypeArgs, frame.MethodArgs)
            ?? throw new LiftFailure("unresolvable constructor token", at));
        var type = ctor.DeclaringType!;
        var ps = ctor.GetParameters();
        var args = new Sym[ps.Length];
        for (int i = ps.Length - 1; i >= 0; i--) args[i] = s.Pop(at);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>))
        {
            s.Push(new ExprSym(AsExpr(args[0], Nullable.GetUnderlyingType(type)!, at), type));
            return;
        }
        if (typeof(Exception).IsAssignableFrom(type))
        {
            s.Push(new ExceptionSym(type, ExceptionMessage(ctor, args)));
            return;
        }
        if (TryNewClosureOrDelegate(s, ctor, args, at)) return;
        if (KnownCalls.TryFoldConstructor(ctor, args, out var folded))
        {
            s.Push(Make(s, folded!, type));
            return;
        }
        throw new LiftFailure(type.IsValueType
            ? $"construction of value type {type.Name} (newobj)"
            : $"allocation of reference type {type.Name} (newobj)", at);
    }

    /// <summary>The message of <c>new XException(literals…)</c>, computed by constructing it; null when an argument is
    /// computed from the row (the message then exists only per row).</summary>
    private static string? ExceptionMessage(ConstructorInfo ctor, Sym[] args)
    {
        var values = new object?[args.Length];
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case ExprSym { Expr: LiteralExpr l }:
                    values[i] = l.Value;
                    break;
                case NullSym:
                    values[i] = null;
                    break;
                default:
                    return null;
            }
        }
        try
        {
            return ((Exception)ctor.Invoke(values)).Message;
        }
        catch (Exception)
        {
            return $"Exception of type '{ctor.DeclaringType!.FullName}' was thrown.";
        }
    }

    private static void InitObject(Frame frame, State s, IlInstruction ins)
    {
        int at = ins.Offset;
        var type = frame.Module.ResolveType(ins.Token, frame.TypeArgs, frame.MethodArgs);
        if (s.Pop(at) is not AddressSym addr) throw new LiftFailure($"initobj {type.Name} through a reference that is not a local or argument", at);
        if (!TypeMap.TryDefault(type, out var value)) throw new LiftFailure($"initobj of {type.Name}, which has no IR type", at);
        s.Slots[addr.Slot] = Coerce(new ExprSym(value, type), frame.SlotTypes[addr.Slot], at);
    }
}
