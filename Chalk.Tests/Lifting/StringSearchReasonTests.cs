using Chalk.Expressions.Lifting;

namespace Chalk.Tests.Lifting;

/// <summary>
/// The ordinal string searches lift, and the overloads still refused as culture-sensitive really are: under a real
/// culture they answer differently from the ordinal search the IR would give.
/// </summary>
public sealed class StringSearchReasonTests
{
    [Test]
    public void IndexOf_of_a_char_with_StringComparison_Ordinal_lifts_to_an_ordinal_index_of()
    {
        var r = Lifter.Lift(LiftingAssets.Method(IlFlavor.Release, "Lifted.Searching", "IndexOfCharOrdinal"));
        Assert.That(r.Succeeded, Is.True, r.Reason);
        Assert.That(r.Expression!.ToString(), Does.Contain("index_of(col(\"s\"), lit(\"b\"))"));
    }

    [Test]
    [SetCulture("en-US")]
    public void The_string_overloads_refused_as_culture_sensitive_differ_from_the_ordinal_search()
    {
        bool invariantMode = (AppContext.TryGetSwitch("System.Globalization.Invariant", out var on) && on)
            || Environment.GetEnvironmentVariable("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT") is "1" or "true";
        Assume.That(invariantMode, Is.False, "globalization-invariant mode compares ordinally everywhere");
        // ICU ignores NUL in a linguistic comparison; an ordinal search does not. Each refused overload must show it,
        // or its reason ("compares with the current culture") would be false.
        Assert.That("a\0b".IndexOf("ab"), Is.EqualTo(0));
        Assert.That("a\0b".IndexOf("ab", 0), Is.EqualTo(0));
        Assert.That("a\0b".LastIndexOf("ab"), Is.EqualTo(0));
        Assert.That("\0ab".StartsWith("ab"), Is.True);
        Assert.That("ab\0".EndsWith("ab"), Is.True);
        Assert.That("a\0b".IndexOf("ab", StringComparison.Ordinal), Is.EqualTo(-1));
        Assert.That("\0ab".StartsWith("ab", StringComparison.Ordinal), Is.False);
        // The overloads that lift are ordinal without being told: NUL is an ordinary character to them.
        Assert.That("a\0b".Contains("ab"), Is.False);
        Assert.That("a\0b".IndexOf('b'), Is.EqualTo(2));
        Assert.That("\0ab".StartsWith('a'), Is.False);
    }
}
