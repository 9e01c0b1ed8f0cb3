using Chalk.Store;

namespace Chalk.Tests.Store;

/// <summary>Values of every feature type a store keeps, edge cases included, and how to compare one read back.</summary>
public static class FeatureValueSamples
{
    /// <summary>Each sample under a name that is safe in a test's name (no NUL).</summary>
    public static readonly (string Name, object? Value)[] All =
    [
        ("true", true),
        ("false", false),
        ("int zero", 0),
        ("int min", int.MinValue),
        ("int max", int.MaxValue),
        ("long zero", 0L),
        ("long min", long.MinValue),
        ("long max", long.MaxValue),
        ("float", 1.5f),
        ("float NaN", float.NaN),
        ("float +inf", float.PositiveInfinity),
        ("float -inf", float.NegativeInfinity),
        ("float -0", -0.0f),
        ("float epsilon", float.Epsilon),
        ("double", 2.25),
        ("double NaN", double.NaN),
        ("double +inf", double.PositiveInfinity),
        ("double -inf", double.NegativeInfinity),
        ("double -0", -0.0),
        ("double max", double.MaxValue),
        ("empty string", ""),
        ("string", "plain"),
        ("string with NUL", "a\0b"),
        ("string of only NUL", "\0"),
        ("string beyond the BMP", "\U0001F600 \U0001D11E"),
        ("string with accents", "e\u0301 \u00e9"),
        ("DateTime", new DateTime(2024, 2, 29, 12, 34, 56, 789, DateTimeKind.Unspecified).AddTicks(3)),
        ("DateTime UTC", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
        ("DateTime min", DateTime.MinValue),
        ("DateTime max", DateTime.MaxValue),
        ("DateTimeOffset", new DateTimeOffset(2024, 7, 1, 23, 59, 59, TimeSpan.FromHours(5.5)).AddTicks(7)),
        ("DateTimeOffset max", DateTimeOffset.MaxValue),
        ("null", null),
    ];

    /// <summary>An instant with ticks below a millisecond and an offset, for <see cref="StoredValue.ComputedAt"/>.</summary>
    public static readonly DateTimeOffset ComputedAt = new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(-7)).AddTicks(5358979);

    /// <summary>The samples as test cases: the index into <see cref="All"/>, shown by name.</summary>
    public static IEnumerable<TestCaseData> Cases => All.Select((s, i) => new TestCaseData(i).SetArgDisplayNames(s.Name));

    /// <summary>Asserts <paramref name="actual"/> is <paramref name="expected"/> as a store must keep it: the same type,
    /// floats bit for bit (NaN and -0 included), a <see cref="DateTime"/>'s ticks (its kind may be lost) and a
    /// <see cref="DateTimeOffset"/>'s instant (its offset may be lost).</summary>
    public static void AssertSameValue(object? expected, object? actual, string because)
    {
        if (expected is null)
        {
            Assert.That(actual, Is.Null, because);
            return;
        }
        Assert.That(actual, Is.Not.Null, because);
        Assert.That(actual!.GetType(), Is.EqualTo(expected.GetType()), because);
        switch (expected)
        {
            case float f: Assert.That(BitConverter.SingleToInt32Bits((float)actual), Is.EqualTo(BitConverter.SingleToInt32Bits(f)), because); break;
            case double d: Assert.That(BitConverter.DoubleToInt64Bits((double)actual), Is.EqualTo(BitConverter.DoubleToInt64Bits(d)), because); break;
            case DateTime t: Assert.That(((DateTime)actual).Ticks, Is.EqualTo(t.Ticks), because); break;
            case DateTimeOffset o: Assert.That(((DateTimeOffset)actual).UtcTicks, Is.EqualTo(o.UtcTicks), because); break;
            default: Assert.That(actual, Is.EqualTo(expected), because); break;
        }
    }
}
