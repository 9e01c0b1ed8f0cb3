using Chalk.Expressions;

namespace Chalk.Sql.Aggregation;

/// <summary>Whether a float expression can evaluate to −0.0, judged from its form alone; a float Min/Max over values
/// that cannot be −0.0 needs no check of which zero came first (<c>AggregateForm.FirstZeroNegative</c>).</summary>
/// <remarks>
/// Conservative: anything not listed may be −0.0 (a column, a product, a quotient). IEEE round-to-nearest gives −0.0 from
/// a sum only when both terms are −0.0 and from a difference only when the left is −0.0 and the right +0.0;
/// <c>Math.Max</c> prefers +0.0 on a tie, so beside a number ≥ +0.0 it never returns −0.0, and <c>Math.Min</c> beside
/// a number below zero returns at most that number. An integer converts to +0.0 (a double narrowed to float may not).
/// </remarks>
internal static class NegativeZero
{
    /// <summary>True when <paramref name="e"/> never evaluates to −0.0 (null and NaN aside).</summary>
    public static bool Impossible(Expr e) => e switch
    {
        LiteralExpr { Value: null } => true,
        LiteralExpr { Value: double d } => !(d == 0 && double.IsNegative(d)),
        LiteralExpr { Value: float f } => !(f == 0 && float.IsNegative(f)),
        LiteralExpr => true,
        // A double narrowed to float can round a tiny negative to −0.0f, so only integers convert safely.
        CastExpr c => !c.Type.IsFloat() || c.Operand.Type.IsInteger(),
        CoalesceExpr c => c.Operands.All(Impossible),
        IfExpr i => Impossible(i.Then) && Impossible(i.Else),
        CallExpr { Name: "max", Args: [var a, var b] } => NonNegativeNumber(a) || NonNegativeNumber(b) || (Impossible(a) && Impossible(b)),
        CallExpr { Name: "min", Args: [var a, var b] } => NegativeNumber(a) || NegativeNumber(b) || (Impossible(a) && Impossible(b)),
        CallExpr { Name: "add", Args: [var a, var b] } => Impossible(a) || Impossible(b),
        CallExpr { Name: "sub", Args: [var a, _] } => Impossible(a),
        _ => !e.Type.IsFloat(),
    };

    private static bool NonNegativeNumber(Expr e) => e is LiteralExpr { Value: double d } ? d >= 0 && !double.IsNegative(d)
        : e is LiteralExpr { Value: float f } && f >= 0 && !float.IsNegative(f);

    private static bool NegativeNumber(Expr e) => e is LiteralExpr { Value: double d } ? d < 0 : e is LiteralExpr { Value: float f } && f < 0;
}
