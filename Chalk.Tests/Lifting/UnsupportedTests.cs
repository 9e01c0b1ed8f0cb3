using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>Each unsupported construct stops lifting with a reason naming it, its IL offset and (with a PDB) its source line; the per-row path still answers.</summary>
[TestFixture(IlFlavor.Debug)]
[TestFixture(IlFlavor.Release)]
public class UnsupportedTests(IlFlavor flavor)
{
    [TestCase("Loop", "loop (back edge from IL_")]
    [TestCase("TryCatch", "exception handler (try/catch)")]
    [TestCase("UnknownCall", "call to Object.GetHashCode(): no IR function")]
    [TestCase("Allocation", "allocation of reference type List`1 (newobj)")]
    [TestCase("RefParameter", "passed by reference")]
    [TestCase("MutableStatic", "read of mutable static field Unsupported.s_counter")]
    [TestCase("ArrayAccess", "ldtoken (reflection metadata, e.g. a constant array initializer)")]
    [TestCase("IntInterpolation", "string interpolation of a Int32 (AppendFormatted<Int32>): C# formats the value with the current culture")]
    [TestCase("CultureUpper", "string.ToUpper() uses the current culture's casing rules; ToUpperInvariant() lifts")]
    [TestCase("CultureIndexOf", "string.IndexOf(String) compares with the current culture; pass StringComparison.Ordinal or OrdinalIgnoreCase")]
    [TestCase("CultureLastIndexOfFrom", "string.LastIndexOf(String, Int32) compares with the current culture")]
    [TestCase("CultureStartsWith", "string.StartsWith(String) compares with the current culture")]
    [TestCase("CultureEndsWith", "string.EndsWith(String, Boolean, CultureInfo) compares with the given culture")]
    [TestCase("CultureComparison", "string.IndexOf(Char, StringComparison) with StringComparison.InvariantCultureIgnoreCase (a culture-sensitive comparison")]
    [TestCase("UndefinedComparison", "with StringComparison value 42, which is not defined")]
    [TestCase("LastIndexOfFrom", "string.LastIndexOf(Char, Int32) with a start index has no IR function")]
    [TestCase("CultureCompareTo", "string.CompareTo(String) compares with the current culture")]
    [TestCase("BoolInterpolation", "string interpolation of a Boolean (AppendFormatted<Boolean>): no IR function formats a Boolean as text")]
    [TestCase("CultureIntToString", "Int32.ToString() formats with the current culture, and the IR's to_string is culture-invariant")]
    [TestCase("Recursion", "inlining depth limit (8) reached at call to Unsupported.Recursion")]
    [TestCase("UnsignedDivide", "unsigned division (div.un)")]
    [TestCase("Lambda", "lambda or delegate")]
    [TestCase("LargeStringSwitch", "(in callee <PrivateImplementationDetails>.ComputeStringHash)|call to String.get_Chars(Int32)")]
    [TestCase("Pointer", "managed reference to a Int32")]
    [TestCase("SmallInteger", "has no IR type")]
    [TestCase("VoidMethod", "returns void")]
    [TestCase("AddMonths", "call to DateTime.AddMonths(Int32): no IR function")]
    [TestCase("TotalMicroseconds", "call to TimeSpan.get_TotalMicroseconds(): no IR function")]
    [TestCase("AgeDays", "DateTime.UtcNow reads the clock each time the body runs")]
    [TestCase("JoinedToday", "DateTime.Today reads the clock each time the body runs")]
    [TestCase("NowHour", "DateTime.Now reads the clock each time the body runs")]
    public void Unsupported_construct_gives_its_reason(string name, string construct)
    {
        var r = Lifter.Lift(LiftingAssets.Method(flavor, "Unsupported", name));
        TestContext.Out.WriteLine(r.Reason);
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Expression, Is.Null);
        Assert.That(construct.Split('|').Any(c => r.Reason!.Contains(c, StringComparison.Ordinal)), Is.True, $"'{r.Reason}' should contain '{construct}'");
        Assert.That(r.Reason, Does.Contain("Unsupported." + name).Or.Contain("parameter"));
        if (name is not ("RefParameter" or "SmallInteger" or "VoidMethod"))
            Assert.That(r.Reason, Does.Match(@"at IL_[0-9A-F]{4} in "), "the reason names the IL offset");
    }

    [TestCase("Loop")]
    [TestCase("UnknownCall")]
    [TestCase("UnsignedDivide")]
    [TestCase("MutableStatic")]
    public void Reason_names_the_IL_offset_and_source_line(string name)
    {
        var r = Lifter.Lift(LiftingAssets.Method(flavor, "Unsupported", name));
        Assert.That(r.Reason, Does.Match(@"at IL_[0-9A-F]{4} in Unsupported\." + name + @" \(Unsupported\.cs:\d+\)"));
    }

    [Test]
    public void Failed_lift_still_evaluates_per_row()
    {
        var method = LiftingAssets.Method(flavor, "Unsupported", "UnknownCall");
        var r = Lifter.Lift(method);
        var batch = RandomBatches.For(method, 500, 7);
        var result = r.Evaluate(batch);
        Assert.That(result.Values.Length, Is.EqualTo(500));
        Assert.That(result.RowErrors, Is.Not.Empty, "null strings throw NullReferenceException per row");
        DifferentialTests.AssertSame(result, r.EvaluatePerRow(batch), batch);
    }

    [Test]
    public void Gas_limit_refuses_a_large_expression()
    {
        var method = LiftingAssets.Method(flavor, "Unsupported", "Sequential");
        var ok = Lifter.Lift(method);
        Assert.That(ok.Succeeded, Is.True, ok.Reason);
        var r = Lifter.Lift(method, new LiftOptions { GasLimit = 5 });
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Reason, Does.StartWith("gas limit exceeded"));
    }

    [Test]
    public void Gas_limit_bounds_path_explosion_during_symbolic_execution()
    {
        var method = LiftingAssets.Method(flavor, "Unsupported", "ManyEarlyReturns");
        Assert.That(Lifter.Lift(method).Succeeded, Is.True);
        var r = Lifter.Lift(method, new LiftOptions { GasLimit = 20, InterpretationFactor = 2 });
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Reason, Does.Contain("gas limit exceeded during symbolic execution"));
    }

    [Test]
    public void Inline_depth_limit_is_configurable()
    {
        var method = LiftingAssets.Method(flavor, "Lifted.Calls", "InlinedHelpers");
        Assert.That(Lifter.Lift(method).Succeeded, Is.True);
        var r = Lifter.Lift(method, new LiftOptions { MaxInlineDepth = 1 });
        Assert.That(r.Succeeded, Is.False);
        Assert.That(r.Reason, Does.Contain("inlining depth limit (1) reached at call to Calls.Square"));
        Assert.That(r.Reason, Does.Contain("inlined from Calls.InlinedHelpers"));
    }
}
