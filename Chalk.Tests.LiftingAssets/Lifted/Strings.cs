namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>string members with IR functions, concatenation and interpolation of strings.</summary>
public static class Strings
{
    public static int Length(string? s) => s!.Length;

    public static string Concat2(string? a, string? b) => a + b;

    public static string Concat3(string? a, string? b) => a + "/" + b;

    public static string Concat4(string? a, string? b, string? c) => a + b + c + "!";

    public static string Interpolated(string? a, string? b) => $"{a} has {b}";

    public static string UpperLowerTrim(string? s) => s!.Trim().ToUpperInvariant() + s.ToLowerInvariant();

    public static string Substring(string? s, int start) => s!.Substring(start, 2);

    public static string SubstringFrom(string? s, int start) => s!.Substring(start);

    public static bool ContainsOrdinal(string? s) => s!.Contains("ab");

    public static bool StartsWithOrdinal(string? s, string? prefix) => s!.StartsWith(prefix!, StringComparison.Ordinal);

    public static bool EndsWithIgnoreCase(string? s) => s!.EndsWith("LD", StringComparison.OrdinalIgnoreCase);

    public static bool ContainsIgnoreCase(string? s, string? p) => s is not null && p is not null && s.Contains(p, StringComparison.OrdinalIgnoreCase);

    public static bool NullOrEmpty(string? s, string? t) => string.IsNullOrEmpty(s) || string.IsNullOrWhiteSpace(t);

    public static bool Equality(string? a, string? b) => a == b || a != null && a.Equals("x");

    public static string CoalesceString(string? s) => s ?? "none";

    public static int StringSwitch(string? s) => s switch
    {
        "a" => 1,
        "bb" => 2,
        "ccc" => 3,
        _ => 0,
    };

    public static string Guarded(string? s) => string.IsNullOrEmpty(s) ? "" : s.Substring(0, Math.Min(3, s.Length)).ToUpperInvariant();

    public static string FiveStrings(string? a, string? b, string? c, string? d, string? e) => a + b + "-" + c + d + e;
}
