using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class SmokeTests(IlFlavor flavor)
{
    [Test]
    public void Compute_total_lifts()
    {
        var r = Lifter.Lift(LiftingAssets.Method(flavor, "Basics", "ComputeTotal"));
        TestContext.Out.WriteLine(r.ToString());
        Assert.That(r.Succeeded, Is.True, r.Reason);
    }
}
