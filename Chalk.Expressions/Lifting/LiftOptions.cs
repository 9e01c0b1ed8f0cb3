namespace Chalk.Expressions.Lifting;

/// <summary>Limits and hooks for <see cref="Lifter.Lift(System.Reflection.MethodInfo, LiftOptions)"/>.</summary>
public sealed class LiftOptions
{
    /// <summary>The default options.</summary>
    public static LiftOptions Default { get; } = new();

    /// <summary>The most per-row work the lifted expression may cost after common-subexpression elimination (see docs/lifting.md for the weights). Default 10,000.</summary>
    /// <remarks>Symbolic execution itself may interpret at most <c>GasLimit × InterpretationFactor</c> instructions over all paths, which bounds path explosion.</remarks>
    public int GasLimit { get; init; } = 10_000;

    /// <summary>How many IL instructions the interpreter may execute per unit of <see cref="GasLimit"/>. Default 10.</summary>
    public int InterpretationFactor { get; init; } = 10;

    /// <summary>How deep calls to other user methods are inlined. Default 8.</summary>
    public int MaxInlineDepth { get; init; } = 8;

    /// <summary>Resolves instance getters of feature classes; null to lift only static methods.</summary>
    public IMemberBinder? MemberBinder { get; init; }

    /// <summary>Values for struct parameters the IR has no type for (e.g. the engine's <c>Window</c>): property name → its value expression; null (or a null result) for none.</summary>
    /// <remarks>
    /// A struct argument is modelled as a value whose property getters return these expressions, however it is reached
    /// (<c>ldarga</c>, a copy in a local, a closure field), so <c>Reviews.Count(r =&gt; r.CreatedAt &gt;= w.Start)</c> lifts with
    /// <c>w.Start</c> replaced by the given expression. Other members of the struct fail lifting with a reason.
    /// </remarks>
    public Func<System.Reflection.ParameterInfo, IReadOnlyDictionary<string, Expr>?>? StructArguments { get; init; }
}
