using Chalk.Expressions;
using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>The seed's compute_total lifts to the seed's expression, with the discounted subtotal shared.</summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class ComputeTotalTests(IlFlavor flavor)
{
    private static readonly ColumnExpr S = Expr.Col("subtotal", ExprType.Float64);
    private static readonly ColumnExpr D = Expr.Col("discount", ExprType.Float64, nullable: true);
    private static readonly ColumnExpr T = Expr.Col("taxRate", ExprType.Float64, nullable: true);
    private static readonly ColumnExpr I = Expr.Col("taxable", ExprType.Bool);

    private LiftResult Lift() => Lifter.Lift(LiftingAssets.Method(flavor, "Lifted.Nullables", "ComputeTotal"));

    [Test]
    public void Compute_total_lifts_to_the_seed_expression()
    {
        var r = Lift();
        Assert.That(r.Succeeded, Is.True, r.Reason);
        var discounted = Expr.If(Expr.IsNull(D), S, Expr.Call("max", Expr.Sub(S, D), Expr.Lit(0.0)));
        var seed = Expr.If(Expr.Or(Expr.Not(I), Expr.IsNull(T)), discounted, Expr.Mul(discounted, Expr.Add(Expr.Lit(1.0), T)));
        Assert.That(r.Expression, Is.EqualTo(seed.Simplify()), r.Expression!.ToString());
    }

    [Test]
    public void The_discounted_subtotal_is_one_shared_node()
    {
        var e = (IfExpr)Lift().Expression!;
        var product = (CallExpr)e.Else;
        Assert.That(ReferenceEquals(e.Then, product.Args[0]), Is.True);
        Assert.That(HashConsing.DistinctNodeCount([e]), Is.LessThan(HashConsing.TreeNodeCount([e])));
    }

    [Test]
    public void Compute_total_gas_counts_shared_work_once()
    {
        var r = Lift();
        Assert.That(r.Gas, Is.EqualTo(LiftGas.Estimate(r.Expression!)));
        Assert.That(r.Gas, Is.LessThan(HashConsing.TreeNodeCount([r.Expression!])));
    }
}
