using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>LINQ shapes over relations that do not lift fail with a reason naming the construct, its IL offset and method.</summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class AggregateFailureTests(IlFlavor flavor)
{
    [TestCase("ReadsThis", "the lambda NotLifted.<get_ReadsThis>b__", "reads the parent object via `this` (Shop.get_Threshold)")]
    [TestCase("ReadsThisInClosure", "the lambda <>c__DisplayClass", "reads the parent object via `this` (Shop.get_Threshold)")]
    [TestCase("CapturesParentColumn", "the lambda of Count over has-many relation 'reviews' reads col(\"threshold\")", "not a column of the child row 'review'")]
    [TestCase("UsesAggregate", "LINQ operator Enumerable.Aggregate(IEnumerable`1, Int32, Func`3) over has-many relation 'reviews' does not lift", "supported: Where, Select")]
    [TestCase("UsesSkip", "LINQ operator Enumerable.Skip(IEnumerable`1, Int32) over has-many relation 'reviews' does not lift", "NotLifted.get_UsesSkip")]
    [TestCase("UsesTake", "LINQ operator Enumerable.Take(IEnumerable`1, Int32) over has-many relation 'reviews' does not lift", "NotLifted.get_UsesTake")]
    [TestCase("ThenBy", "LINQ operator Enumerable.ThenBy(IOrderedEnumerable`1, Func`2) over has-many relation 'reviews' does not lift", "NotLifted.get_ThenBy")]
    [TestCase("ForLoop", "loop (back edge from IL_", "NotLifted.get_ForLoop")]
    [TestCase("ForEach", "exception handler (try/finally (or using/lock/foreach))", "NotLifted.get_ForEach")]
    [TestCase("Indexer", "indexing has-many relation 'reviews' (IReadOnlyList`1.get_Item)", "NotLifted.get_Indexer")]
    [TestCase("DistinctRows", "Distinct() over the rows of 'reviews'", "NotLifted.get_DistinctRows")]
    [TestCase("InvokesDelegate", "lambda or delegate invocation (Func`2.Invoke)", "get_InvokesDelegate")]
    public void An_unsupported_shape_fails_with_its_reason(string member, string reasonStart, string alsoContains)
    {
        var r = AggregateLiftingTests.Lift(flavor, "NotLifted", member);
        Assert.That(r.Succeeded, Is.False, r.Expression?.ToString());
        Assert.That(r.Reason, Does.StartWith(reasonStart));
        Assert.That(r.Reason, Does.Contain(alsoContains));
        Assert.That(r.Reason, Does.Contain(" at IL_").And.Contain("NotLifted.cs:"));
    }

    [Test]
    public void The_public_relation_types_check_their_arguments()
    {
        Assert.Throws<ArgumentException>(() => _ = new SymbolicRelation("", typeof(object), "review"));
        Assert.Throws<ArgumentException>(() => _ = new SymbolicRelation("reviews", typeof(object), ""));
        Assert.Throws<ArgumentNullException>(() => MemberBinding.ToRelation(null!));
        var relation = new SymbolicRelation("reviews", typeof(object), "review");
        var binding = MemberBinding.ToRelation(relation);
        Assert.Multiple(() =>
        {
            Assert.That(binding.Relation, Is.SameAs(relation));
            Assert.That(binding.Scalar, Is.Null);
            Assert.That(binding.Object, Is.Null);
        });
    }
}
