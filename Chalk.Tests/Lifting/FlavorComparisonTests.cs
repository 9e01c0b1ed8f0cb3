using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>Debug and Release IL of the same source lift to equivalent expressions (checked by the differential tests); report how many are identical.</summary>
public class FlavorComparisonTests
{
    [Test]
    public void Debug_and_Release_IL_lift_to_the_same_expression_for_nearly_every_method()
    {
        int same = 0, total = 0;
        foreach (var name in DifferentialTests.Methods())
        {
            var dot = name.IndexOf('.', StringComparison.Ordinal);
            var d = Lifter.Lift(LiftingAssets.Method(IlFlavor.Debug, "Lifted." + name[..dot], name[(dot + 1)..]));
            var r = Lifter.Lift(LiftingAssets.Method(IlFlavor.Release, "Lifted." + name[..dot], name[(dot + 1)..]));
            total++;
            if (d.Expression is not null && d.Expression.Equals(r.Expression)) same++;
            else TestContext.Out.WriteLine($"{name}:\n  debug   {d.Expression}\n  release {r.Expression}");
        }
        TestContext.Out.WriteLine($"{same} of {total} identical");
        Assert.That(same, Is.GreaterThanOrEqualTo(total - 3), "Debug and Release IL should lift to the same expression for nearly every method");
    }
}
