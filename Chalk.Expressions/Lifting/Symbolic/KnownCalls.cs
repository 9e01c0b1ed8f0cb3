using System.Reflection;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Maps BCL members with an exact IR equivalent (Math, string, DateTime, TimeSpan) to IR calls.</summary>
/// <remarks>
/// Only members whose IR function has the same semantics are mapped: culture-sensitive string members
/// (<c>ToUpper()</c>, <c>StartsWith(string)</c>) are refused with a reason instead of being approximated by the
/// ordinal or invariant functions (see <c>KnownCalls.Strings.cs</c>).
/// </remarks>
internal static partial class KnownCalls
{
    public static bool TryLift(MethodInfo m, Sym? receiver, Sym[] args, State s, int at, out ExprSym? result)
    {
        result = null;
        var t = m.DeclaringType;
        Expr? e = null;
        Type clr = m.ReturnType;
        if (t == typeof(Math) || t == typeof(MathF)) e = MathCall(m, args, at);
        else if ((t == typeof(double) || t == typeof(float)) && m.IsStatic) e = FloatCall(m, args, at);
        else if (t == typeof(string)) e = m.IsStatic ? StringStatic(m, args, at) : StringInstance(m, receiver!, args, s, at);
        else if (t == typeof(DateTime) || t == typeof(TimeSpan)) e = TemporalCall(m, receiver, args, at);
        else if (m.Name == "ToString" && m.GetParameters().Length == 0 && (t == typeof(int) || t == typeof(long) || t == typeof(float) || t == typeof(double)))
            throw new LiftFailure($"{t.Name}.ToString() formats with the current culture, and the IR's to_string is culture-invariant", at);
        if (e is null) return false;
        if (e.Type == ExprType.Bool && clr != typeof(bool)) clr = typeof(bool);
        result = new ExprSym(e, clr);
        return true;
    }

    private static Expr A(Sym[] args, int i, Type t, int at) => Interpreter.AsExpr(args[i], t, at);

    private static Expr[] All(MethodInfo m, Sym[] args, int at)
    {
        var ps = m.GetParameters();
        return [.. ps.Select((p, i) => A(args, i, p.ParameterType, at))];
    }

    private static Expr? MathCall(MethodInfo m, Sym[] args, int at)
    {
        var ps = m.GetParameters();
        if (ps.Any(p => !Symbolic.TypeMap.TryMap(p.ParameterType, out var pt, out var n) || n || !pt.IsNumeric())) return null;
        string? fn = (m.Name, ps.Length) switch
        {
            ("Max", 2) => "max",
            ("Min", 2) => "min",
            ("Abs", 1) => "abs",
            ("Floor", 1) => "floor",
            ("Ceiling", 1) => "ceiling",
            ("Round", 1) => "round",
            ("Round", 2) when ps[1].ParameterType == typeof(int) => "round",
            ("Sqrt", 1) => "sqrt",
            ("Exp", 1) => "exp",
            ("Log", 1) => "log",
            ("Log", 2) => "log",
            ("Log10", 1) => "log10",
            ("Sign", 1) => "sign",
            ("Truncate", 1) => "truncate",
            ("Pow", 2) => "pow",
            ("Clamp", 3) => "clamp",
            _ => null,
        };
        if (fn is null) return null;
        var a = All(m, args, at);
        if (!FunctionRegistry.Get(fn).Signatures.Any(sig => sig.Matches(a.Select(x => x.Type).ToArray()))) return null;
        return Expr.Call(fn, a);
    }

    private static Expr? FloatCall(MethodInfo m, Sym[] args, int at) => (m.Name, args.Length) switch
    {
        ("IsNaN", 1) => Expr.Call("is_nan", All(m, args, at)),
        ("IsInfinity", 1) => Expr.Call("is_infinity", All(m, args, at)),
        _ => null,
    };

    private static Expr? StringStatic(MethodInfo m, Sym[] args, int at)
    {
        var ps = m.GetParameters();
        if (m.Name == "Concat" && ps.Length == 1 && ps[0].ParameterType == typeof(string[]) && args[0] is ArraySym { Elements.Length: > 0 } parts)
        {
            var strings = parts.Elements.Select(e => e is null ? Expr.Null(ExprType.Utf8) : Interpreter.AsExpr(e, typeof(string), at)).ToArray();
            Expr acc = strings[0];
            for (int i = 1; i < strings.Length; i++) acc = Expr.Call("concat", acc, strings[i]);
            return strings.Length == 1 ? Expr.Coalesce(acc, Expr.Lit("")) : acc;
        }
        if (ps.Any(p => p.ParameterType != typeof(string))) return null;
        var a = All(m, args, at);
        switch (m.Name)
        {
            case "IsNullOrEmpty": return Expr.Call("is_null_or_empty", a);
            case "IsNullOrWhiteSpace": return Expr.Call("is_null_or_whitespace", a);
            case "op_Equality" or "Equals" when a.Length == 2: return Expr.Call("eq", a);
            case "op_Inequality": return Expr.Call("ne", a);
            case "Concat" when a.Length is >= 2 and <= 4:
                Expr acc = a[0];
                for (int i = 1; i < a.Length; i++) acc = Expr.Call("concat", acc, a[i]);
                // string.Concat never returns null; concat treats null as "".
                return acc;
            default:
                return null;
        }
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
