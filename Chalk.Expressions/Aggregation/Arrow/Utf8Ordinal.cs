using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

/// <summary>Ordinal (UTF-16 code unit) order of strings held as UTF-8, as <see cref="string.CompareOrdinal(string, string)"/> orders them.</summary>
/// <remarks>
/// UTF-8 byte order is code point order, which differs from .NET's ordinal order in one place: a supplementary
/// character is a surrogate pair (0xD800–0xDBFF) in UTF-16 and so sorts <em>before</em> U+E000–U+FFFF, while its
/// UTF-8 lead byte (0xF0–0xF4) sorts after theirs (0xEE–0xEF). Comparing at the first differing byte with those
/// lead bytes swapped gives the ordinal order without decoding. Public so that every ordering of string keys (the
/// aggregator's, the engine's has-many rows) uses this one rule.
/// </remarks>
public static class Utf8Ordinal
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

    /// <summary>
    /// Dense ranks of a string column's values in ordinal order (equal strings share a rank), so string keys,
    /// minima and distinct sets can use the integer code paths. Null rows get rank 0 and must be tested separately.
    /// </summary>
    internal static int[] Ranks(StringArray strings, ulong[]? validity)
    {
        int n = strings.Length;
        var order = new int[n];
        int valid = 0;
        for (int i = 0; i < n; i++)
        {
            if (validity is null || (validity[i >> 6] & (1UL << i)) != 0) order[valid++] = i;
        }
        var rows = order.AsSpan(0, valid);
        rows.Sort((i, j) => Compare(strings.GetBytes(i), strings.GetBytes(j)));
        var ranks = new int[n];
        int rank = 0;
        for (int k = 0; k < rows.Length; k++)
        {
            if (k > 0 && !strings.GetBytes(rows[k]).SequenceEqual(strings.GetBytes(rows[k - 1]))) rank++;
            ranks[rows[k]] = rank;
        }
        return ranks;
    }
}
