using System.Reflection;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Maps calls to BCL members (Math, string, DateTime, TimeSpan) to IR calls of the same semantics.</summary>
/// <remarks>
/// A member that one function stands for is listed by that function (<see cref="ScalarFunction.Members"/>) and found
/// through <see cref="FunctionRegistry.TryGetByMember"/>; this class only adds the receiver's null check. What stays
/// here is what no single function can declare: constant folding of DateTime/TimeSpan statics, variadic
/// <c>string.Concat</c> (a chain of <c>concat</c> calls), the string searches whose function depends on a constant
/// <see cref="StringComparison"/> or a char needle (<c>KnownCalls.Strings.cs</c>), and culture-sensitive members that
/// are refused with a reason instead of being approximated by the ordinal or invariant functions.
/// </remarks>
internal static partial class KnownCalls
{
    public static bool TryLift(MethodInfo m, Sym? receiver, Sym[] args, State s, int at, out ExprSym? result)
    {
        result = null;
        var t = m.DeclaringType;
        Expr? e;
        // Folding comes first: TimeSpan.FromDays(7) is a literal, not a from_days call.
        if ((t == typeof(DateTime) || t == typeof(TimeSpan)) && receiver is null && TryFoldStatic(m, args, out var folded, at)) e = folded;
        else if (FunctionRegistry.TryGetByMember(m, out var function)) e = Mapped(function, m, receiver, args, s, at);
        else if (t == typeof(string)) e = m.IsStatic ? StringConcat(m, args, at) : StringInstance(m, receiver!, args, s, at);
        else if (m.Name == "ToString" && m.GetParameters().Length == 0 && (t == typeof(int) || t == typeof(long) || t == typeof(float) || t == typeof(double)))
            throw new LiftFailure($"{t.Name}.ToString() formats with the current culture, and the IR's to_string is culture-invariant", at);
        else e = null;
        if (e is null) return false;
        Type clr = m.ReturnType;
        if (e.Type == ExprType.Bool && clr != typeof(bool)) clr = typeof(bool);
        result = new ExprSym(e, clr);
        return true;
    }

    /// <summary>A member a function lists: the call of that function on the receiver, if any, then the arguments.</summary>
    /// <returns>The call, or null when the function has no overload for the arguments' IR types.</returns>
    private static Expr? Mapped(ScalarFunction function, MethodInfo m, Sym? receiver, Sym[] args, State s, int at)
    {
        Expr? self = receiver is null ? null : Interpreter.AsExprSym(receiver, at).Expr;
        Expr[] callArgs = self is null ? All(m, args, at) : [self, .. All(m, args, at)];
        if (!Matches(function, callArgs)) return null;
        var call = Expr.Call(function.Name, callArgs);
        return self is null || m.DeclaringType!.IsValueType ? call : ReceiverChecked(self, call, s);
    }

    /// <summary>An instance call on a reference (a string) throws NullReferenceException when the receiver is null.</summary>
    private static Expr ReceiverChecked(Expr self, Expr call, State s)
    {
        if (!s.KnownNonNull(self))
            call = Expr.If(Expr.IsNull(self), Expr.Error(Interpreter.NullReferenceMessage, call.Type), call);
        s.AssumeNonNull(self);
        return call;
    }

    /// <summary>Whether the function has an overload for exactly these argument types (else the member stays unmapped).</summary>
    private static bool Matches(ScalarFunction function, Expr[] args) =>
        function.Signatures.Any(sig => sig.Matches(args.Select(x => x.Type).ToArray()));

    private static Expr A(Sym[] args, int i, Type t, int at) => Interpreter.AsExpr(args[i], t, at);

    private static Expr[] All(MethodInfo m, Sym[] args, int at)
    {
        var ps = m.GetParameters();
        return [.. ps.Select((p, i) => A(args, i, p.ParameterType, at))];
    }

    /// <summary>
    /// <c>string.Concat</c> of three or four strings, or of a <c>string[]</c> the method built: a chain of the binary
    /// <c>concat</c> (which lists the two-string overload itself).
    /// </summary>
    private static Expr? StringConcat(MethodInfo m, Sym[] args, int at)
    {
        if (m.Name != nameof(string.Concat)) return null;
        var ps = m.GetParameters();
        if (ps.Length == 1 && ps[0].ParameterType == typeof(string[]) && args[0] is ArraySym { Elements.Length: > 0 } parts)
        {
            var strings = parts.Elements.Select(e => e is null ? Expr.Null(ExprType.Utf8) : Interpreter.AsExpr(e, typeof(string), at)).ToArray();
            Expr acc = strings[0];
            for (int i = 1; i < strings.Length; i++) acc = Expr.Call("concat", acc, strings[i]);
            return strings.Length == 1 ? Expr.Coalesce(acc, Expr.Lit("")) : acc;
        }
        if (ps.Length is < 3 or > 4 || ps.Any(p => p.ParameterType != typeof(string))) return null;
        var a = All(m, args, at);
        Expr chain = a[0];
        for (int i = 1; i < a.Length; i++) chain = Expr.Call("concat", chain, a[i]);
        // string.Concat never returns null; concat treats null as "".
        return chain;
    }

    private static object ConvertLiteral(object value, Type target)
    {
        var u = TypeMap.Underlying(target);
        if (u == typeof(bool) && value is int i) return i != 0;
        return value.GetType() == u ? value : Convert.ChangeType(value, u, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Folds <c>new DateTime(2024, 1, 1)</c> / <c>new TimeSpan(…)</c> with constant arguments.</summary>
    public static bool TryFoldConstructor(ConstructorInfo ctor, Sym[] args, out Expr? value)
    {
        value = null;
        var t = ctor.DeclaringType!;
        if (t != typeof(DateTime) && t != typeof(TimeSpan)) return false;
        var ps = ctor.GetParameters();
        if (!args.All(a => a is ExprSym { Expr: LiteralExpr { IsNullValue: false } }) || !ps.All(p => TypeMap.TryMap(p.ParameterType, out _, out var n) && !n)) return false;
        var values = args.Select((a, i) => ConvertLiteral(((LiteralExpr)((ExprSym)a).Expr).Value!, ps[i].ParameterType)).ToArray();
        TypeMap.TryMap(t, out var et, out _);
        try
        {
            value = Expr.Lit(ctor.Invoke(values), et);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            value = Expr.Error(e.InnerException.Message, et);
        }
        return true;
    }
}
