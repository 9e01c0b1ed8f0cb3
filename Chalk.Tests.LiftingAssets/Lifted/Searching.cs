namespace Chalk.Tests.LiftingAssets.Lifted;

/// <summary>
/// Ordinal searches: the char overloads (ordinal in .NET), the string overloads with StringComparison.Ordinal or
/// OrdinalIgnoreCase, start/count overloads, empty needles, NUL and unpaired-surrogate literals.
/// </summary>
public static class Searching
{
    public static int IndexOfChar(string? s) => s!.IndexOf('a');

    public static int IndexOfNonAsciiChars(string? s) => s!.IndexOf('é') * 100 + s.IndexOf('日');

    public static int IndexOfNul(string? s) => s!.IndexOf('\0');

    public static int IndexOfHighSurrogate(string? s) => s!.IndexOf('\uD83D');

    public static int LastIndexOfLowSurrogate(string? s) => s!.LastIndexOf('\uDE00');

    public static int IndexOfCharOrdinal(string? s) => s!.IndexOf('b', StringComparison.Ordinal);

    public static int IndexOfCharIgnoreCase(string? s) => s!.IndexOf('ß', StringComparison.OrdinalIgnoreCase) + 10 * s.IndexOf('A', StringComparison.OrdinalIgnoreCase);

    public static int IndexOfCharFrom(string? s, int start) => s!.IndexOf('x', start % 10);

    public static int IndexOfCharFromCount(string? s, int start, int count) => s!.IndexOf('a', start % 8, count % 8);

    public static int LastIndexOfChar(string? s) => s!.LastIndexOf('b');

    public static int IndexOfString(string? s, string? p) => s!.IndexOf(p!, StringComparison.Ordinal);

    public static int IndexOfStringIgnoreCase(string? s, string? p) => s!.IndexOf(p!, StringComparison.OrdinalIgnoreCase);

    public static int IndexOfStringFrom(string? s, string? p, int start) => s!.IndexOf(p!, start % 10, StringComparison.Ordinal);

    public static int IndexOfStringFromIgnoreCase(string? s, string? p, int start) => s!.IndexOf(p!, start % 10, StringComparison.OrdinalIgnoreCase);

    public static int IndexOfStringFromCount(string? s, string? p, int start, int count) => s!.IndexOf(p!, start % 6, count % 6, StringComparison.Ordinal);

    public static int IndexOfStringFromCountIgnoreCase(string? s, string? p, int start, int count) =>
        s!.IndexOf(p!, start % 6, count % 6, StringComparison.OrdinalIgnoreCase);

    public static int LastIndexOfString(string? s, string? p) => s!.LastIndexOf(p!, StringComparison.Ordinal);

    public static int LastIndexOfStringIgnoreCase(string? s, string? p) => s!.LastIndexOf(p!, StringComparison.OrdinalIgnoreCase);

    public static int EmptyNeedles(string? s) => s!.IndexOf("", StringComparison.Ordinal) + 100 * s.LastIndexOf("", StringComparison.Ordinal);

    public static int SurrogateLiterals(string? s) => s!.IndexOf("😀", StringComparison.Ordinal) + 100 * s.IndexOf("\uDE00", StringComparison.Ordinal);

    public static int NulLiteral(string? s) => s!.LastIndexOf("\0b", StringComparison.Ordinal);

    public static bool ContainsChar(string? s) => s!.Contains('z');

    public static bool ContainsCharIgnoreCase(string? s) => s!.Contains('Z', StringComparison.OrdinalIgnoreCase);

    public static bool ContainsSurrogateChar(string? s) => s!.Contains('\uD83D', StringComparison.Ordinal);

    public static bool ContainsString(string? s, string? p) => s!.Contains(p!);

    public static bool StartsWithChar(string? s) => s!.StartsWith('a');

    public static bool EndsWithLowSurrogate(string? s) => s!.EndsWith('\uDE00');

    public static bool StartsOrEndsWithNul(string? s) => s!.StartsWith('\0') || s.EndsWith('\0');

    public static bool StartsWithSurrogateLiteral(string? s) => s!.StartsWith("\uD83D", StringComparison.Ordinal);

    public static int NullSafe(string? s, string? p) => s?.IndexOf(p ?? "", StringComparison.Ordinal) ?? -2;

    public static int SearchParameterAgainstLiteral(string? p) => "abc😀\0def".IndexOf(p!, StringComparison.Ordinal);
}
