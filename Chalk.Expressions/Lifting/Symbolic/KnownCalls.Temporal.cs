using System.Reflection;

namespace Chalk.Expressions.Lifting.Symbolic;

/// <summary>DateTime and TimeSpan members.</summary>
internal static partial class KnownCalls
{
    private static Expr? TemporalCall(MethodInfo m, Sym? receiver, Sym[] args, int at)
    {
        var t = m.DeclaringType!;
        if (receiver is not null)
        {
            var self = Interpreter.AsExprSym(receiver, at).Expr;
            string? member = InstanceFunction(t, m.Name, args.Length);
            if (member is null) return null;
            Expr[] callArgs = [self, .. All(m, args, at)];
            return Matches(member, callArgs) ? Expr.Call(member, callArgs) : null;
        }
        var ps = m.GetParameters();
        // Pure static members with constant arguments (TimeSpan.FromDays(7)) fold at lift time.
        if (args.All(a => a is ExprSym { Expr: LiteralExpr { IsNullValue: false } }) && TypeMap.TryMap(m.ReturnType, out var rt, out var rn) && !rn
            && ps.All(p => TypeMap.TryMap(p.ParameterType, out _, out var pn) && !pn))
        {
            var values = args.Select((a, i) => ConvertLiteral(((LiteralExpr)((ExprSym)a).Expr).Value!, ps[i].ParameterType)).ToArray();
            try
            {
                var v = m.Invoke(null, values);
                return Expr.Lit(v is Enum ? Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) : v, rt);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                return Expr.Error(e.InnerException.Message, rt);
            }
        }
        string? fn = m.Name switch
        {
            "op_Addition" => "add",
            "op_Subtraction" => "sub",
            "op_UnaryNegation" => "neg",
            "op_Equality" => "eq",
            "op_Inequality" => "ne",
            "op_LessThan" => "lt",
            "op_LessThanOrEqual" => "le",
            "op_GreaterThan" => "gt",
            "op_GreaterThanOrEqual" => "ge",
            "FromDays" when ps.Length == 1 => "from_days",
            "FromHours" when ps.Length == 1 => "from_hours",
            "FromMinutes" when ps.Length == 1 => "from_minutes",
            "FromSeconds" when ps.Length == 1 => "from_seconds",
            "FromMilliseconds" when ps.Length == 1 => "from_milliseconds",
            _ => null,
        };
        if (fn is null) return null;
        var a = All(m, args, at);
        return Matches(fn, a) ? Expr.Call(fn, a) : null;
    }

    /// <summary>The IR function of an instance member of DateTime or TimeSpan, by name and argument count.</summary>
    /// <remarks>
    /// TimeSpan's <c>Days</c>/<c>Hours</c>/… are components of a span (negative for negative spans), not parts of a
    /// date, so they map to the <c>duration_*</c> functions rather than to <c>day</c>/<c>hour</c>.
    /// </remarks>
    private static string? InstanceFunction(Type t, string name, int argCount)
    {
        if (t == typeof(DateTime))
        {
            return (name, argCount) switch
            {
                ("get_Year", 0) => "year",
                ("get_Month", 0) => "month",
                ("get_Day", 0) => "day",
                ("get_Hour", 0) => "hour",
                ("get_Minute", 0) => "minute",
                ("get_Second", 0) => "second",
                ("get_DayOfWeek", 0) => "day_of_week",
                ("get_DayOfYear", 0) => "day_of_year",
                ("get_Date", 0) => "date",
                ("get_TimeOfDay", 0) => "time_of_day",
                ("AddDays", 1) => "add_days",
                ("AddHours", 1) => "add_hours",
                ("AddMinutes", 1) => "add_minutes",
                ("AddSeconds", 1) => "add_seconds",
                ("AddMilliseconds", 1) => "add_milliseconds",
                ("Add", 1) => "add",
                ("Subtract", 1) => "sub",
                _ => null,
            };
        }
        return (name, argCount) switch
        {
            ("get_TotalDays", 0) => "total_days",
            ("get_TotalHours", 0) => "total_hours",
            ("get_TotalMinutes", 0) => "total_minutes",
            ("get_TotalSeconds", 0) => "total_seconds",
            ("get_TotalMilliseconds", 0) => "total_milliseconds",
            ("get_Days", 0) => "duration_days",
            ("get_Hours", 0) => "duration_hours",
            ("get_Minutes", 0) => "duration_minutes",
            ("get_Seconds", 0) => "duration_seconds",
            ("get_Milliseconds", 0) => "duration_milliseconds",
            ("Add", 1) => "add",
            ("Subtract", 1) => "sub",
            _ => null,
        };
    }

    /// <summary>Whether the IR function has an overload for exactly these argument types (else the member stays unmapped).</summary>
    private static bool Matches(string fn, Expr[] args) =>
        FunctionRegistry.Get(fn).Signatures.Any(sig => sig.Matches(args.Select(x => x.Type).ToArray()));
}
