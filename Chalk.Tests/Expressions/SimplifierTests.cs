using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

public sealed class SimplifierTests
{
    private static readonly ColumnExpr X = Expr.Col("x", ExprType.Float64);
    private static readonly ColumnExpr N = Expr.Col("n", ExprType.Float64, nullable: true);
    private static readonly ColumnExpr B = Expr.Col("b", ExprType.Bool);
    private static readonly ColumnExpr NB = Expr.Col("nb", ExprType.Bool, nullable: true);
    private static readonly ColumnExpr I = Expr.Col("i", ExprType.Int32);

    private static string S(Expr e) => e.Simplify().ToString();

    [Test]
    public void Constants_fold()
    {
        Assert.Multiple(() =>
        {
            Assert.That(S(Expr.Add(Expr.Lit(1.5), Expr.Mul(Expr.Lit(2.0), Expr.Lit(3.0)))), Is.EqualTo("lit(7.5)"));
            Assert.That(S(Expr.Call("max", Expr.Lit(double.NaN), Expr.Lit(1.0))), Is.EqualTo("lit(NaN)"));
            Assert.That(S(Expr.Cast(Expr.Lit(1e20), ExprType.Int32)), Is.EqualTo("lit(2147483647)"));
            Assert.That(S(Expr.Call("upper", Expr.Lit("abc"))), Is.EqualTo("lit(\"ABC\")"));
            Assert.That(S(Expr.IsNull(Expr.Null(ExprType.Int32))), Is.EqualTo("lit(true)"));
        });
    }

    [Test]
    public void A_condition_is_known_inside_its_branches()
    {
        var city = Expr.Col("city", ExprType.Utf8, nullable: true);
        var coalesced = Expr.If(Expr.IsNull(city), Expr.Lit("?"), city);
        var e = Expr.If(Expr.IsNull(city), Expr.Call("concat", Expr.Lit("a"), coalesced), Expr.Call("concat", Expr.Lit("b"), coalesced));
        Assert.That(S(e), Is.EqualTo(S(Expr.If(Expr.IsNull(city), Expr.Call("concat", Expr.Lit("a"), Expr.Lit("?")), Expr.Call("concat", Expr.Lit("b"), city)))));
    }

    [Test]
    public void A_nullable_condition_is_only_known_in_the_then_branch()
    {
        var e = Expr.If(NB, Expr.If(NB, X, Expr.Lit(1.0)), Expr.If(NB, X, Expr.Lit(2.0)));
        Assert.That(S(e), Is.EqualTo(S(Expr.If(NB, X, Expr.If(NB, X, Expr.Lit(2.0))))));
    }

    [Test]
    public void A_failing_constant_becomes_an_error_node()
    {
        Assert.That(S(Expr.Div(Expr.Lit(1), Expr.Lit(0))), Is.EqualTo("error(\"Attempted to divide by zero.\")"));
        Assert.That(S(Expr.Add(I, Expr.Div(Expr.Lit(1), Expr.Lit(0)))), Is.EqualTo("error(\"Attempted to divide by zero.\")"));
        Assert.That(S(Expr.Add(Expr.Div(I, I), Expr.Div(Expr.Lit(1), Expr.Lit(0)))), Is.EqualTo("col(\"i\") / col(\"i\") + error(\"Attempted to divide by zero.\")"), "an earlier operand may fail first");
        Assert.That(S(Expr.Add(Expr.Div(Expr.Lit(1), Expr.Lit(0)), I)), Is.EqualTo("error(\"Attempted to divide by zero.\")"));
    }

    [Test]
    public void Null_propagates_through_lifted_arithmetic_but_not_comparisons()
    {
        Assert.That(S(Expr.Add(X, Expr.Null(ExprType.Float64))), Is.EqualTo("lit(null, float64)"));
        Assert.That(S(Expr.Call("eq", X, Expr.Null(ExprType.Float64))), Is.EqualTo("eq(col(\"x\"), lit(null, float64))"));
        Assert.That(S(Expr.Div(I, Expr.Null(ExprType.Int32))), Is.EqualTo("lit(null, int32)"));
    }

    [Test]
    public void Is_null_of_a_non_nullable_operand_is_false()
    {
        Assert.That(S(Expr.IsNull(X)), Is.EqualTo("lit(false)"));
        Assert.That(S(Expr.IsNull(N)), Is.EqualTo("is_null(col(\"n\"))"));
        Assert.That(S(Expr.If(Expr.IsNull(X), Expr.Lit(1.0), X)), Is.EqualTo("col(\"x\")"));
    }

    [Test]
    public void Boolean_rewrites_follow_bool_nullable_rules()
    {
        Assert.Multiple(() =>
        {
            Assert.That(S(Expr.Not(Expr.Not(B))), Is.EqualTo("col(\"b\")"));
            Assert.That(S(Expr.And(B, Expr.Lit(true))), Is.EqualTo("col(\"b\")"));
            Assert.That(S(Expr.And(NB, Expr.Lit(false))), Is.EqualTo("lit(false)"));
            Assert.That(S(Expr.Or(Expr.Lit(true), NB)), Is.EqualTo("lit(true)"));
            Assert.That(S(Expr.Or(NB, Expr.Lit(false))), Is.EqualTo("col(\"nb\")"));
            Assert.That(S(Expr.And(B, B)), Is.EqualTo("col(\"b\")"));
        });
    }

    [Test]
    public void If_rewrites()
    {
        Assert.Multiple(() =>
        {
            Assert.That(S(Expr.If(Expr.Lit(true), X, N)), Is.EqualTo("col(\"x\")"));
            Assert.That(S(Expr.If(Expr.Null(ExprType.Bool), X, N)), Is.EqualTo("col(\"n\")"));
            Assert.That(S(Expr.If(B, X, X)), Is.EqualTo("col(\"x\")"));
            Assert.That(S(Expr.If(Expr.Not(B), X, N)), Is.EqualTo("if(col(\"b\"), col(\"n\"), col(\"x\"))"));
            Assert.That(S(Expr.If(Expr.Not(NB), X, N)), Is.EqualTo("if(not(col(\"nb\")), col(\"x\"), col(\"n\"))"));
            Assert.That(S(Expr.If(B, Expr.Lit(false), Expr.Lit(true))), Is.EqualTo("not(col(\"b\"))"));
            Assert.That(S(Expr.If(B, Expr.Lit(true), Expr.Lit(false))), Is.EqualTo("col(\"b\")"));
        });
    }

    [Test]
    public void An_if_that_drops_a_failing_condition_is_kept()
    {
        var failing = Expr.Call("gt", Expr.Div(I, I), Expr.Lit(0));
        Assert.That(S(Expr.If(failing, X, X)), Is.EqualTo("if(col(\"i\") / col(\"i\") > lit(0), col(\"x\"), col(\"x\"))".Replace("col(\"i\") / col(\"i\") > lit(0)", "gt(col(\"i\") / col(\"i\"), lit(0))", StringComparison.Ordinal)));
    }

    [Test]
    public void Coalesce_drops_nulls_and_everything_after_a_non_nullable_operand()
    {
        Assert.That(S(Expr.Coalesce(N, Expr.Null(ExprType.Float64), X, N)), Is.EqualTo("coalesce(col(\"n\"), col(\"x\"))"));
        Assert.That(S(Expr.Coalesce(X, N)), Is.EqualTo("col(\"x\")"));
        Assert.That(S(Expr.Coalesce(Expr.Null(ExprType.Float64), Expr.Null(ExprType.Float64))), Is.EqualTo("lit(null, float64)"));
    }

    [Test]
    public void Identity_casts_vanish() => Assert.That(S(Expr.Cast(X, ExprType.Float64)), Is.EqualTo("col(\"x\")"));

    [Test]
    public void Hash_consing_shares_the_repeated_discount_subtree_of_compute_total()
    {
        var naive = ComputeTotal.Naive();
        var simplified = naive.Simplify();
        var root = (IfExpr)simplified;
        var mul = (CallExpr)root.Else;
        Assert.Multiple(() =>
        {
            Assert.That(ReferenceEquals(root.Then, mul.Args[0]), Is.True, "the discounted subtotal is one instance");
            Assert.That(HashConsing.TreeNodeCount([naive]), Is.EqualTo(30));
            Assert.That(HashConsing.DistinctNodeCount([simplified]), Is.EqualTo(16));
            Assert.That(ExpressionCompiler.Compile([naive], Schema()).StepCount, Is.EqualTo(16));
        });
    }

    [Test]
    public void Subexpressions_are_shared_across_a_compiled_set()
    {
        var discounted = Expr.If(Expr.IsNull(ComputeTotal.D), ComputeTotal.S, Expr.Call("max", Expr.Sub(ComputeTotal.S, ComputeTotal.D), Expr.Lit(0.0)));
        var a = Expr.Mul(discounted, Expr.Lit(2.0));
        var b = Expr.Add(Expr.If(Expr.IsNull(ComputeTotal.D), ComputeTotal.S, Expr.Call("max", Expr.Sub(ComputeTotal.S, ComputeTotal.D), Expr.Lit(0.0))), Expr.Lit(1.0));
        var alone = ExpressionCompiler.Compile([a], Schema()).StepCount + ExpressionCompiler.Compile([b], Schema()).StepCount;
        var together = ExpressionCompiler.Compile([a, b], Schema()).StepCount;
        Assert.That(together, Is.EqualTo(alone - 7), "S, D, is_null(D), S - D, lit(0.0), max and the if are computed once");
    }

    [Test]
    public void Structural_equality_and_hashing()
    {
        Expr one = ComputeTotal.Naive(), other = ComputeTotal.Naive();
        Assert.That(ReferenceEquals(one, other), Is.False);
        Assert.That(one, Is.EqualTo(other));
        Assert.That(one.GetHashCode(), Is.EqualTo(other.GetHashCode()));
        Assert.That(Expr.Lit(0.0), Is.Not.EqualTo(Expr.Lit(-0.0)));
        Expr nan = Expr.Lit(double.NaN), nan2 = Expr.Lit(double.NaN);
        Assert.That(nan, Is.EqualTo(nan2));
        Assert.That(Expr.Col("a", ExprType.Int32), Is.Not.EqualTo(Expr.Col("a", ExprType.Int32, nullable: true)));
    }

    internal static Apache.Arrow.Schema Schema() => new(
        [
            new("S", Apache.Arrow.Types.DoubleType.Default, false),
            new("D", Apache.Arrow.Types.DoubleType.Default, true),
            new("T", Apache.Arrow.Types.DoubleType.Default, true),
            new("I", Apache.Arrow.Types.BooleanType.Default, false),
        ], null);
}
