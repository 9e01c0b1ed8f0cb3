namespace Chalk.Execution.Nodes;

/// <summary>Ordinal (UTF-16 code unit) order of strings held as UTF-8, as <see cref="string.CompareOrdinal(string, string)"/> orders them.</summary>
/// <remarks>
/// The same rule as the aggregator's <c>Chalk.Expressions.Aggregation.Utf8Ordinal</c> (internal to that assembly):
/// UTF-8 byte order is code point order, which differs from .NET's ordinal order in one place. A supplementary
/// character is a surrogate pair (0xD800–0xDBFF) in UTF-16 and so sorts <em>before</em> U+E000–U+FFFF, while its
/// UTF-8 lead byte (0xF0–0xF4) sorts after theirs (0xEE–0xEF). Comparing at the first differing byte with those lead
/// bytes swapped gives the ordinal order without decoding.
/// </remarks>
internal static class Utf8Ordinal
{
    /// <summary>Compares two valid UTF-8 strings; the sign is that of <see cref="string.CompareOrdinal(string, string)"/>.</summary>
    public static int Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        int common = a.CommonPrefixLength(b);
        if (common == a.Length || common == b.Length) return a.Length.CompareTo(b.Length);
        byte x = a[common];
        byte y = b[common];
        // The common prefix ends on a character boundary unless both strings are inside the same multi-byte
        // character (same lead byte), where plain byte order is already right.
        bool atLead = (x & 0xC0) != 0x80 && (y & 0xC0) != 0x80;
        return atLead ? Rank(x).CompareTo(Rank(y)) : x.CompareTo(y);
    }

    /// <summary>Lead bytes in UTF-16 order: supplementary (F0–F4) between U+D7FF (ED) and U+E000 (EE).</summary>
    private static int Rank(byte lead) => lead switch
    {
        >= 0xF0 => lead - 0xF0 + 0xEE,
        >= 0xEE => lead + 0x10,
        _ => lead,
    };
}
