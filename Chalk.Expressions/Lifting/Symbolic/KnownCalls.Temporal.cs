using System.Reflection;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>Static DateTime and TimeSpan members with constant arguments, evaluated at lift time.</summary>
/// <remarks>The members that map to functions (<c>t.Year</c>, <c>TimeSpan.FromDays</c>, the operators) are listed by those functions.</remarks>
internal static partial class KnownCalls
{
    /// <summary>Calls a pure static member whose arguments are all constants (<c>TimeSpan.FromDays(7)</c>) and keeps the
    /// result, or .NET's exception as an error.</summary>
    /// <exception cref="LiftFailure">The member reads the clock (<c>DateTime.UtcNow</c>, <c>Now</c>, <c>Today</c>).</exception>
    private static bool TryFoldStatic(MethodInfo m, Sym[] args, out Expr? value, int at)
    {
        value = null;
        // The clock is read when the body runs: folded here it would stay the time of Build() for the engine's life.
        if (m.DeclaringType == typeof(DateTime) && m.Name is "get_UtcNow" or "get_Now" or "get_Today")
            throw new LiftFailure($"DateTime.{m.Name[4..]} reads the clock each time the body runs, which a lifted body cannot (it would keep the time it was lifted at)", at);
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
