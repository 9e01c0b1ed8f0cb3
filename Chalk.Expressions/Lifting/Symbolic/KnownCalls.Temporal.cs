using System.Reflection;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Static DateTime and TimeSpan members with constant arguments, evaluated at lift time.</summary>
/// <remarks>The members that map to functions (<c>t.Year</c>, <c>TimeSpan.FromDays</c>, the operators) are listed by those functions.</remarks>
internal static partial class KnownCalls
{
    /// <summary>Calls a pure static member whose arguments are all constants (<c>TimeSpan.FromDays(7)</c>) and keeps the result, or .NET's exception as an error.</summary>
    private static bool TryFoldStatic(MethodInfo m, Sym[] args, out Expr? value)
    {
        value = null;
        var ps = m.GetParameters();
        if (!args.All(a => a is ExprSym { Expr: LiteralExpr { IsNullValue: false } }) || !TypeMap.TryMap(m.ReturnType, out var rt, out var rn) || rn
            || !ps.All(p => TypeMap.TryMap(p.ParameterType, out _, out var pn) && !pn))
            return false;
        var values = args.Select((a, i) => ConvertLiteral(((LiteralExpr)((ExprSym)a).Expr).Value!, ps[i].ParameterType)).ToArray();
        try
        {
            var v = m.Invoke(null, values);
            value = Expr.Lit(v is Enum ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : v, rt);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            value = Expr.Error(e.InnerException.Message, rt);
        }
        return true;
    }
}
