using System.Reflection;
using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>Instance getters of feature classes lift through <see cref="IMemberBinder"/>: stored features become columns, relations become symbolic objects, computed getters inline.</summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class MemberBinderTests(IlFlavor flavor)
{
    private static readonly Expr Total = Expr.Col("total", ExprType.Float64);
    private static readonly Expr Discount = Expr.Col("discount", ExprType.Float64, nullable: true);
    private static readonly Expr UserMissing = Expr.Col("user_missing", ExprType.Bool);
    private static readonly Expr UserName = Expr.Col("user.name", ExprType.Utf8, nullable: true);

    private sealed class FeatureBinder : IMemberBinder
    {
        public List<string> Calls { get; } = [];

        public MemberBinding? Bind(SymbolicObject receiver, MethodInfo getter)
        {
            Calls.Add($"{receiver.Path}:{getter.Name}");
            return (receiver.Path, getter.Name) switch
            {
                ("", "get_Total") => MemberBinding.ToScalar(Total),
                ("", "get_Discount") => MemberBinding.ToScalar(Discount),
                ("", "get_User") => MemberBinding.ToObject(new SymbolicObject("user", getter.ReturnType, UserMissing)),
                ("user", "get_Name") => MemberBinding.ToScalar(UserName),
                _ => null,
            };
        }
    }

    private LiftResult Lift(string getter, IMemberBinder? binder)
    {
        var type = LiftingAssets.Load(flavor).GetType("Chalk.Tests.LiftingAssets.Transaction", throwOnError: true)!;
        var method = type.GetProperty(getter)!.GetMethod!;
        return Lifter.Lift(method, new LiftOptions { MemberBinder = binder });
    }

    [Test]
    public void A_stored_feature_binds_to_its_column()
    {
        var r = Lift("IsExpensive", new FeatureBinder());
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression, Is.EqualTo(Expr.Call("gt", Total, Expr.Lit(1000.0))));
    }

    [Test]
    public void Nullable_features_keep_nullable_semantics()
    {
        var r = Lift("Net", new FeatureBinder());
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression, Is.EqualTo(Expr.Sub(Total, Expr.Coalesce(Discount, Expr.Lit(0.0))).Simplify()));
    }

    [Test]
    public void A_computed_getter_the_binder_does_not_know_is_inlined()
    {
        var binder = new FeatureBinder();
        var r = Lift("IsLargeNet", binder);
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression!.ToString(), Is.EqualTo("gt(col(\"total\") - coalesce(col(\"discount\"), lit(0.0)), lit(500.0))"));
        Assert.That(binder.Calls, Does.Contain(":get_Net"));
    }

    [Test]
    public void A_relation_binds_to_a_symbolic_object_and_its_members_resolve_on_it()
    {
        var r = Lift("UserName", new FeatureBinder());
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression, Is.EqualTo(Expr.If(UserMissing, Expr.Null(ExprType.Utf8), UserName).Simplify()));
    }

    [Test]
    public void Dereferencing_a_missing_relation_is_a_row_error()
    {
        var r = Lift("UserNameUpper", new FeatureBinder());
        Assert.That(r.Succeeded, Is.True, r.Reason);
        var batch = new RecordBatch(
            new Schema([new Field("user_missing", ExprType.Bool.ToArrow(), false), new Field("user.name", ExprType.Utf8.ToArrow(), true)], null),
            [ArrowValues.BuildArray(ExprType.Bool, [false, true]), ArrowValues.BuildArray(ExprType.Utf8, ["ann", "bob"])], 2);
        var result = r.Evaluate(batch);
        Assert.That(ArrowValues.GetValue(result.Values, 0), Is.EqualTo("ANN"));
        Assert.That(result.RowErrors, Has.Count.EqualTo(1));
        Assert.That(result.RowErrors[0].Row, Is.EqualTo(1));
        Assert.That(result.RowErrors[0].Message, Is.EqualTo("Object reference not set to an instance of an object."));
    }

    [Test]
    public void Without_a_binder_an_instance_getter_is_not_lifted()
    {
        var r = Lift("IsExpensive", null);
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Reason, Does.Contain("needs LiftOptions.MemberBinder"));
    }

    [Test]
    public void A_binder_without_a_binding_for_a_stored_feature_gives_a_reason()
    {
        var r = Lift("IsExpensive", new NullBinder());
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Reason, Does.Contain("get_Total"));
    }

    private sealed class NullBinder : IMemberBinder
    {
        public MemberBinding? Bind(SymbolicObject receiver, MethodInfo getter) => null;
    }
}
