using Chalk.Definitions;
using Chalk.Expressions;
using Chalk.Expressions.Lifting;
using Chalk.Execution;
using Chalk.Resolvers;

namespace Chalk.Lifting;

/// <summary>Lifts every C# resolver and computed property at build time, recording the IR or the reason it runs per row.</summary>
internal static class ResolverLifting
{
    public static IReadOnlyDictionary<ResolverDefinition, LiftOutcome> LiftAll(FeatureRegistry registry, IEnumerable<ResolverDefinition> resolvers, int gasLimit, bool enabled)
    {
        var outcomes = new Dictionary<ResolverDefinition, LiftOutcome>();
        foreach (var r in resolvers)
        {
            if (r is not (MethodResolverDefinition or ComputedPropertyDefinition)) continue;
            outcomes[r] = enabled ? Lift(registry, r, gasLimit) : new LiftOutcome(null, "lifting is disabled for this engine", 0, []);
        }
        return outcomes;
    }

    private static LiftOutcome Lift(FeatureRegistry registry, ResolverDefinition r, int gasLimit)
    {
        switch (r)
        {
            case MethodResolverDefinition { IsAsync: true }:
                return Fail("it is async: it awaits a call to another service, which cannot run as a vector");
            case MethodResolverDefinition { Shape: not MethodOutputShape.Single } m:
                return Fail($"{m.Name} has {m.Outputs.Count} outputs; only single-output methods are lifted so far");
            case MethodResolverDefinition m:
                if (m.Arguments.Any(a => a.Kind != ResolverArgumentKind.Feature))
                    return Fail($"{m.Name} takes a service, whose calls cannot run as a vector");
                var names = m.Method.GetParameters().Select(p => p.Name!).ToList();
                return Check(r, Lifter.Lift(m.Method, new LiftOptions { GasLimit = gasLimit }), names);
            case ComputedPropertyDefinition c:
                var options = new LiftOptions
                {
                    GasLimit = gasLimit,
                    MemberBinder = new FeatureMemberBinder(registry, c.Reads),
                    StructArguments = c.Feature.Window is { } window ? p => p.ParameterType == typeof(Window) ? WindowValues(window) : null : null,
                };
                var relative = c.Inputs.Select(p => string.Join(".", p.Steps.Select(s => s.Name))).ToList();
                var lifted = Check(r, Lifter.Lift(c.Feature.Getter, options), relative);
                return c.Feature.Window is { } w && lifted.Lifted ? lifted with { Expression = WindowGuard(w, lifted.Expression!) } : lifted;
            default:
                return Fail("not a C# body");
        }
    }

    // The window ends at the row's query time; Start and End are the only members a windowed method can read.
    private static IReadOnlyDictionary<string, Expr> WindowValues(FeatureWindow window)
    {
        var asOf = Expr.Col(QueryTime.Column, ExprType.Timestamp, nullable: false);
        return new Dictionary<string, Expr>(StringComparer.Ordinal)
        {
            [nameof(Window.Start)] = Expr.Call("sub", asOf, Expr.Lit(window.Duration)),
            [nameof(Window.End)] = asOf,
        };
    }

    // The Window is built before the method runs (as_of - duration), so a query time within the window's length of
    // DateTime.MinValue fails the row whatever the method reads, exactly as the per-row call does.
    private static Expr WindowGuard(FeatureWindow window, Expr body)
    {
        var asOf = Expr.Col(QueryTime.Column, ExprType.Timestamp, nullable: false);
        string message;
        try
        {
            _ = DateTime.MinValue - window.Duration;
            return body;
        }
        catch (ArgumentOutOfRangeException e)
        {
            message = e.Message;
        }
        return Expr.If(Expr.Call("lt", asOf, Expr.Lit(DateTime.MinValue + window.Duration)), Expr.Error(message, body.Type), body);
    }

    private static LiftOutcome Check(ResolverDefinition r, LiftResult result, IReadOnlyList<string> inputNames)
    {
        if (!result.Succeeded) return Fail(result.Reason!);
        var expr = result.Expression!;
        var output = r.Outputs[0];
        if (FeatureExprTypes.Of(output.Type!) is not { } wanted || wanted != expr.Type)
            return Fail($"lifted to {expr.Type.Name()} but {output.Path} is {output.Type}");
        var unknown = Columns(expr).Where(c => !inputNames.Contains(c) && c != QueryTime.Column).ToList();
        if (unknown.Count > 0)
            return Fail($"reads {string.Join(", ", unknown)}, which the dependency scan did not find");
        return new LiftOutcome(expr, null, result.Gas, inputNames);
    }

    private static IEnumerable<string> Columns(Expr e)
    {
        var stack = new Stack<Expr>([e]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x is ColumnExpr col) { if (seen.Add(col.Name)) yield return col.Name; }
            foreach (var child in x.Children) stack.Push(child);
        }
    }

    private static LiftOutcome Fail(string reason) => new(null, reason, 0, []);
}
