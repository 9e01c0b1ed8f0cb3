using Chalk.Expressions;

namespace Chalk.Tests.Expressions;

public sealed class PrinterTests
{
    [Test]
    public void Compute_total_prints_in_the_seed_notation()
    {
        Assert.That(ComputeTotal.Naive().ToString(), Is.EqualTo(
            "if(or(not(col(\"I\")), is_null(col(\"T\"))), " +
            "if(not(is_null(col(\"D\"))), max(col(\"S\") - col(\"D\"), lit(0.0)), col(\"S\")), " +
            "if(not(is_null(col(\"D\"))), max(col(\"S\") - col(\"D\"), lit(0.0)), col(\"S\")) * (lit(1.0) + col(\"T\")))"));
    }

    [Test]
    public void Simplified_compute_total_prints_the_flipped_if()
    {
        Assert.That(ComputeTotal.Naive().Simplify().ToString(), Is.EqualTo(
            "if(or(not(col(\"I\")), is_null(col(\"T\"))), " +
            "if(is_null(col(\"D\")), col(\"S\"), max(col(\"S\") - col(\"D\"), lit(0.0))), " +
            "if(is_null(col(\"D\")), col(\"S\"), max(col(\"S\") - col(\"D\"), lit(0.0))) * (lit(1.0) + col(\"T\")))"));
    }

    [TestCase(1, "lit(1)")]
    [TestCase(1L, "lit(1L)")]
    [TestCase(1.5f, "lit(1.5f)")]
    [TestCase(2.0, "lit(2.0)")]
    [TestCase(1e300, "lit(1E+300)")]
    [TestCase(double.NaN, "lit(NaN)")]
    [TestCase(double.NegativeInfinity, "lit(-Infinity)")]
    [TestCase(true, "lit(true)")]
    [TestCase("a\"b\\c\n", "lit(\"a\\\"b\\\\c\\n\")")]
    public void Literals_print_with_their_type_suffix(object value, string expected)
    {
        var type = value switch { int => ExprType.Int32, long => ExprType.Int64, float => ExprType.Float32, double => ExprType.Float64, bool => ExprType.Bool, _ => ExprType.Utf8 };
        Assert.That(Expr.Lit(value, type).ToString(), Is.EqualTo(expected));
    }

    [Test]
    public void Other_nodes_print_as_calls()
    {
        var a = Expr.Col("a", ExprType.Int64, true);
        Assert.Multiple(() =>
        {
            Assert.That(Expr.Null(ExprType.Float64).ToString(), Is.EqualTo("lit(null, float64)"));
            Assert.That(Expr.Cast(a, ExprType.Float64).ToString(), Is.EqualTo("cast(col(\"a\"), float64)"));
            Assert.That(Expr.Coalesce(a, Expr.Lit(0L)).ToString(), Is.EqualTo("coalesce(col(\"a\"), lit(0L))"));
            Assert.That(Expr.Error("Attempted to divide by zero.", ExprType.Int64).ToString(), Is.EqualTo("error(\"Attempted to divide by zero.\")"));
            Assert.That(Expr.Sub(a, Expr.Sub(a, a)).ToString(), Is.EqualTo("col(\"a\") - (col(\"a\") - col(\"a\"))"));
            Assert.That(Expr.Sub(Expr.Sub(a, a), a).ToString(), Is.EqualTo("col(\"a\") - col(\"a\") - col(\"a\")"));
            Assert.That(Expr.Lit(new DateTime(2024, 1, 31, 10, 0, 0)).ToString(), Is.EqualTo("lit(timestamp(\"2024-01-31T10:00:00.000000\"))"));
            Assert.That(Expr.Lit(TimeSpan.FromHours(26)).ToString(), Is.EqualTo("lit(duration(\"1.02:00:00\"))"));
        });
    }
}
