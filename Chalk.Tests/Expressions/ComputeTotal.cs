using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

/// <summary>The seed's compute_total resolver, as C# and as its naive IR lowering.</summary>
internal static class ComputeTotal
{
    public static double Method(double subtotal, double? discount, double? taxRate, bool taxable)
    {
        if (discount is not null) subtotal = Math.Max(subtotal - discount.Value, 0.0);
        if (!taxable || taxRate is null) return subtotal;
        return subtotal * (1.0 + taxRate.Value);
    }

    public static readonly ColumnExpr S = Expr.Col("S", ExprType.Float64);
    public static readonly ColumnExpr D = Expr.Col("D", ExprType.Float64, nullable: true);
    public static readonly ColumnExpr T = Expr.Col("T", ExprType.Float64, nullable: true);
    public static readonly ColumnExpr I = Expr.Col("I", ExprType.Bool);

    /// <summary>What a naive lowering produces: the discounted subtotal is built twice, as separate trees.</summary>
    public static Expr Naive()
    {
        Expr Discounted() => Expr.If(Expr.Not(Expr.IsNull(D)), Expr.Call("max", Expr.Sub(S, D), Expr.Lit(0.0)), S);
        return Expr.If(
            Expr.Or(Expr.Not(I), Expr.IsNull(T)),
            Discounted(),
            Expr.Mul(Discounted(), Expr.Add(Expr.Lit(1.0), T)));
    }
}
