using Chalk.Expressions.Kernels;

namespace Chalk.Expressions;

/// <summary>A function of the IR: its name, overloads, null behaviour, per-row reference implementation and kernel.</summary>
/// <remarks>
/// Adding a function is one file: derive from this class (or a family base such as a numeric binary
/// function) with a public parameterless constructor; <see cref="FunctionRegistry"/> finds it.
/// <see cref="Invoke"/> is the oracle: it must do exactly what the mirrored C# operator or method does,
/// including throwing the same exception (its message becomes the row error).
/// </remarks>
public abstract class ScalarFunction
{
    /// <summary>The registered name, snake_case, e.g. <c>starts_with</c>.</summary>
    public abstract string Name { get; }

    /// <summary>The overloads.</summary>
    public abstract IReadOnlyList<FunctionSignature> Signatures { get; }

    /// <summary>How nulls are treated.</summary>
    public virtual NullHandling NullHandling => NullHandling.Propagate;

    /// <summary>Whether a row can fail (division by zero, checked overflow, argument out of range).</summary>
    public virtual bool CanFail => false;

    /// <summary>Whether a row of the overload <paramref name="signature"/> can fail; <see cref="CanFail"/> unless an overload differs.</summary>
    /// <param name="signature">One of <see cref="Signatures"/>.</param>
    public virtual bool CanFailWith(FunctionSignature signature) => CanFail;

    /// <summary>The .NET members this function stands for, which the lifter maps to it through <see cref="FunctionRegistry.TryGetByMember"/>.</summary>
    /// <remarks>
    /// Only members with exactly this function's semantics on every input (nulls, NaN, overflow, the exception and
    /// its message) are listed; a member that needs several IR nodes or a guard beyond the receiver's null check
    /// stays in the lifter (<c>Lifting/Symbolic/KnownCalls*.cs</c>). No two functions may list the same member.
    /// </remarks>
    public virtual IReadOnlyList<ClrMember> Members => [];

    /// <summary>The function's SQL forms, at most one per dialect (<see cref="SqlDialect"/>), which the SQL translators consult.</summary>
    /// <remarks>
    /// A form exists only where the dialect's answer is exactly this function's on every row; without one, a
    /// translator refuses the call and the expression is computed in the engine.
    /// </remarks>
    public virtual IReadOnlyList<SqlForm> SqlForms => [];

    /// <summary>The form for a dialect, or null when the function has none.</summary>
    /// <param name="dialect">The dialect key (<see cref="SqlDialect"/>).</param>
    /// <returns>The form, or null.</returns>
    public SqlForm? FindSqlForm(string dialect)
    {
        foreach (var form in SqlForms)
        {
            if (form.Dialect == dialect) return form;
        }
        return null;
    }

    /// <summary>The infix operator the printer uses for two-argument calls, or null to print <c>name(a, b)</c>.</summary>
    public virtual string? InfixOperator => null;

    /// <summary>Binding strength of <see cref="InfixOperator"/>: higher binds tighter.</summary>
    public virtual int InfixPrecedence => 0;

    /// <summary>Whether a call's result may be null given its arguments.</summary>
    /// <param name="args">The call's arguments.</param>
    /// <returns>For <see cref="NullHandling.Propagate"/>, whether any argument is nullable; custom functions decide.</returns>
    public virtual bool IsResultNullable(IReadOnlyList<Expr> args) =>
        NullHandling == NullHandling.Propagate && args.Any(a => a.Nullable);

    /// <summary>Picks the overload for argument types.</summary>
    /// <param name="args">The argument types.</param>
    /// <returns>The matching signature.</returns>
    /// <exception cref="ArgumentException">No overload matches; the message names the function, the argument types and the overloads.</exception>
    public FunctionSignature Resolve(IReadOnlyList<ExprType> args)
    {
        foreach (var s in Signatures)
        {
            if (s.Matches(args)) return s;
        }
        throw new ArgumentException(
            $"function '{Name}' has no overload for ({string.Join(", ", args.Select(a => a.Name()))}); overloads: {string.Join("; ", Signatures.Select(s => Name + s))}.");
    }

    /// <summary>The per-row reference implementation on boxed values.</summary>
    /// <param name="args">The arguments (never null for <see cref="NullHandling.Propagate"/> functions).</param>
    /// <param name="signature">The resolved overload.</param>
    /// <returns>The boxed result, or null.</returns>
    /// <remarks>Throws the .NET exception the mirrored C# code throws; its message becomes the row error.</remarks>
    public abstract object? Invoke(ReadOnlySpan<object?> args, FunctionSignature signature);

    /// <summary>The batch kernel for an overload, or null to run <see cref="Invoke"/> per row.</summary>
    /// <param name="signature">The resolved overload.</param>
    /// <returns>The kernel.</returns>
    internal virtual Kernel? CreateKernel(FunctionSignature signature) => null;

    /// <summary>Signatures <c>(T, T) -&gt; T</c> for each of <paramref name="types"/>.</summary>
    /// <param name="types">The types.</param>
    /// <returns>The signatures.</returns>
    protected static FunctionSignature[] SameTypeBinary(params ExprType[] types) =>
        types.Select(t => new FunctionSignature(t, t, t)).ToArray();

    /// <summary>Signatures <c>(T) -&gt; T</c> for each of <paramref name="types"/>.</summary>
    /// <param name="types">The types.</param>
    /// <returns>The signatures.</returns>
    protected static FunctionSignature[] SameTypeUnary(params ExprType[] types) =>
        types.Select(t => new FunctionSignature(t, t)).ToArray();

    /// <summary>The four numeric types.</summary>
    protected static readonly ExprType[] Numeric = [ExprType.Int32, ExprType.Int64, ExprType.Float32, ExprType.Float64];

    /// <summary>The two float types.</summary>
    protected static readonly ExprType[] Floats = [ExprType.Float32, ExprType.Float64];

    /// <inheritdoc/>
    public override string ToString() => Name;
}
