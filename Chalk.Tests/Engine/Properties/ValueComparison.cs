using System.Text;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Exact comparison of feature values: doubles bit for bit (all NaNs equal), except floating sums and averages
/// over a relation, which DuckDB adds in its own order (docs/aggregations.md: 1e-12 relative).</summary>
internal static class ValueComparison
{
    private const double SumTolerance = 1e-12;

    public static bool Same(object? expected, object? actual, bool tolerant)
    {
        if (expected is null || actual is null) return expected is null && actual is null;
        if (expected is double e && actual is double a)
        {
            if (double.IsNaN(e) || double.IsNaN(a)) return double.IsNaN(e) && double.IsNaN(a);
            if (BitConverter.DoubleToInt64Bits(e) == BitConverter.DoubleToInt64Bits(a)) return true;
            return tolerant && double.IsFinite(e) && double.IsFinite(a) && Math.Abs(e - a) <= SumTolerance * Math.Max(Math.Abs(e), Math.Abs(a));
        }
        // Arrow's utf8 cannot hold a lone surrogate ("😀".Substring(1)): every path stores U+FFFD instead, so the
        // oracle's string is compared as it reads back from UTF-8.
        if (expected is string s && actual is string) expected = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s));
        return expected.GetType() == actual.GetType() && expected.Equals(actual);
    }
}
