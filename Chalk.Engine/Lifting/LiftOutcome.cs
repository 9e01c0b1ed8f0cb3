using Chalk.Expressions;

namespace Chalk.Lifting;

/// <summary>Whether a C# body was lifted into the IR, with its expression and the column each input is named by, or why not.</summary>
/// <param name="Expression">The lifted expression, or null when it runs per row.</param>
/// <param name="Reason">Why it was not lifted, or null.</param>
/// <param name="Gas">The lifted expression's estimated per-row work.</param>
/// <param name="InputNames">Per resolver input (in <c>Inputs</c> order), the column name the expression uses for it.</param>
public sealed record LiftOutcome(Expr? Expression, string? Reason, int Gas, IReadOnlyList<string> InputNames)
{
    /// <summary>Whether the body runs as vectorized IR.</summary>
    public bool Lifted => Expression is not null;

    /// <summary><c>lifted: expr</c> or <c>fallback: reason</c>.</summary>
    public override string ToString() => Lifted ? $"lifted (gas {Gas}): {Expression}" : $"fallback: {Reason}";
}
