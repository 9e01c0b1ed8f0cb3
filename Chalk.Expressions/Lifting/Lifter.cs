using System.Collections.Immutable;
using System.Reflection;
using Chalk.Expressions.Lifting.Il;
using Chalk.Expressions.Lifting.Symbolic;

namespace Chalk.Expressions.Lifting;

/// <summary>Lifts compiled C# methods into the expression IR by symbolically executing their IL.</summary>
/// <remarks>
/// Parameters become <c>col("&lt;parameter name&gt;")</c>. Anything the lifter does not understand (loops, unknown
/// calls, allocation, exception handlers, …) makes <see cref="LiftResult.Succeeded"/> false with a precise
/// <see cref="LiftResult.Reason"/>; <see cref="LiftResult.Evaluate"/> then calls the method per row. See docs/lifting.md.
/// </remarks>
public static class Lifter
{
    /// <summary>Lifts a method with <see cref="LiftOptions.Default"/>.</summary>
    /// <param name="method">A static method (or an instance getter, with a <see cref="LiftOptions.MemberBinder"/>).</param>
    /// <returns>The result; never throws for unsupported code.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="method"/> is null.</exception>
    public static LiftResult Lift(MethodInfo method) => Lift(method, LiftOptions.Default);

    /// <summary>Lifts a method.</summary>
    /// <param name="method">A static method, or an instance method or property getter of a feature class when <see cref="LiftOptions.MemberBinder"/> is set (<c>this</c> is a <see cref="SymbolicObject"/> with path <c>""</c>; other parameters are columns, or struct values given by <see cref="LiftOptions.StructArguments"/>).</param>
    /// <param name="options">Gas and inlining limits, and the member binder.</param>
    /// <returns>The result; never throws for unsupported code.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static LiftResult Lift(MethodInfo method, LiftOptions options)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var args = new List<Sym>();
            if (!method.IsStatic)
            {
                if (options.MemberBinder is null)
                    return Fail(method, $"instance method {Interpreter.Describe(method)} needs LiftOptions.MemberBinder to bind 'this'");
                args.Add(new ObjectSym(new SymbolicObject("", method.DeclaringType!)));
            }
            foreach (var p in method.GetParameters())
            {
                if (p.ParameterType.IsByRef) return Fail(method, $"parameter '{p.Name}' is passed by reference ({p.ParameterType.Name})");
                if (p.ParameterType.IsValueType && !TypeMap.TryMap(p.ParameterType, out _, out _) && options.StructArguments?.Invoke(p) is { } properties)
                {
                    args.Add(new StructSym(p.ParameterType, properties));
                    continue;
                }
                if (!TypeMap.TryMap(p.ParameterType, out var et, out var nullable))
                    return Fail(method, $"parameter '{p.Name}' of type {p.ParameterType.Name} has no IR type (supported: bool, int, long, float, double, their T?, string, DateTime, TimeSpan)");
                args.Add(new ExprSym(Expr.Col(p.Name ?? $"arg{p.Position}", et, nullable), p.ParameterType));
            }
            if (method.ContainsGenericParameters) return Fail(method, "open generic method");
            var interpreter = new Interpreter(options);
            var raw = interpreter.Run(method, [.. args], 0, ImmutableDictionary<Expr, bool>.Empty);
            var expr = Simplifier.Simplify(raw);
            int gas = LiftGas.Estimate(expr);
            if (gas > options.GasLimit)
                return Fail(method, $"gas limit exceeded: the lifted expression costs {gas} per row after CSE, over the limit of {options.GasLimit}");
            return new LiftResult(method, expr, null, gas);
        }
        catch (LiftFailure f)
        {
            var where = f.Method ?? method;
            var line = SourceLocator.Locate(where, f.IlOffset);
            var offset = f.IlOffset >= 0 ? $" at IL_{f.IlOffset:X4}" : "";
            var source = line is null ? "" : $" ({line})";
            var inMethod = where == method ? "" : $" (inlined from {Interpreter.Describe(method)})";
            return Fail(method, $"{f.Construct}{offset} in {Interpreter.Describe(where)}{source}{inMethod}");
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            // Lift never throws for code it cannot handle; an unexpected exception here is a lifter bug, reported as the reason.
            return Fail(method, $"lifter error in {Interpreter.Describe(method)} (a bug in the lifter; please report): {e.GetType().Name}: {e.Message}");
        }
    }

    private static LiftResult Fail(MethodInfo method, string reason) => new(method, null, reason, 0);
}
