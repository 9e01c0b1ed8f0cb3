using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

/// <summary>Ordinal (UTF-16 code unit) order of strings held as UTF-8, as <see cref="string.CompareOrdinal(string, string)"/> orders them.</summary>
/// <remarks>
/// UTF-8 byte order is code point order, which differs from .NET's ordinal order in one place: a supplementary
/// character is a surrogate pair (0xD800–0xDBFF) in UTF-16 and so sorts <em>before</em> U+E000–U+FFFF, while its
/// UTF-8 lead byte (0xF0–0xF4) sorts after theirs (0xEE–0xEF). Comparing at the first differing byte with those
/// lead bytes swapped gives the ordinal order without decoding. Public so that every ordinal ordering of strings (a
/// has-many's rows by primary key, in the aggregator and the engine) uses this one rule; values and ordering keys
/// that LINQ compares with its default comparer rank under a culture instead (<see cref="Ranks"/>).
/// </remarks>
public static partial class Utf8Ordinal
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
    /// Dense ranks of strings in <paramref name="culture"/>'s order (<see cref="Comparer{T}.Default"/> for strings under
    /// that culture): the smallest gets 0, and strings the culture calls equal (<c>"a\u00ADb"</c> and <c>"ab"</c>) share a rank.
    /// </summary>
    /// <remarks>What lets a database order strings as LINQ does: it joins each value to its rank and orders the ranks.</remarks>
    /// <param name="strings">The values; null rows get rank 0 (test them separately).</param>
    /// <param name="culture">The culture whose order counts, usually <see cref="System.Globalization.CultureInfo.CurrentCulture"/>'s.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static int[] CultureRanks(StringArray strings, System.Globalization.CompareInfo culture)
    {
        ArgumentNullException.ThrowIfNull(strings);
        ArgumentNullException.ThrowIfNull(culture);
        ulong[]? validity = null;
        if (strings.NullCount > 0)
        {
            validity = new ulong[(strings.Length + 63) / 64];
            for (int i = 0; i < strings.Length; i++)
            {
                if (strings.IsValid(i)) validity[i >> 6] |= 1UL << i;
            }
        }
        return Ranks(strings, validity, culture);
    }

    /// <summary>
    /// Dense ranks of a string column's values (strings that compare equal share a rank), so string keys, minima and
    /// ordered picks can use the integer code paths. Null rows get rank 0 and must be tested separately.
    /// </summary>
    /// <param name="strings">The column.</param>
    /// <param name="validity">Its validity words; null when no row is null.</param>
    /// <param name="collation">
    /// The order: <see langword="null"/> for ordinal order (equal ranks exactly for equal strings), or a culture's
    /// <see cref="System.Globalization.CompareInfo"/> for <see cref="Comparer{T}.Default"/>'s order under that culture,
    /// where distinct strings can compare equal ("a\u00ADb" and "ab") and then share a rank.
    /// </param>
    /// <remarks>
    /// The distinct values are found first (a hash table over the UTF-8 bytes) and only they are sorted: string keys
    /// repeat (a postcode, a status), and sorting two million rows of three thousand values with a comparison per pair
    /// was a third of an in-engine aggregation. All-distinct columns cost one hash pass more than a plain sort.
    /// </remarks>
    internal static int[] Ranks(StringArray strings, ulong[]? validity, System.Globalization.CompareInfo? collation = null)
    {
        int n = strings.Length;
        var ids = new int[n];
        var distinct = new DistinctUtf8();
        var offsets = strings.ValueOffsets;
        var data = strings.Values;
        for (int i = 0; i < n; i++)
        {
            if (validity is null || (validity[i >> 6] & (1UL << i)) != 0) ids[i] = distinct.IdOf(offsets, data, i);
        }
        var values = DistinctBytes.Gather(strings, distinct);
        var rankOf = collation is null ? RanksInOrder(OrdinalOrder(values)) : CollatedRanks(values, collation);
        for (int i = 0; i < n; i++)
        {
            if (validity is null || (validity[i >> 6] & (1UL << i)) != 0) ids[i] = rankOf[ids[i]];
        }
        return ids;
    }

    // The distinct values' ids sorted ordinally.
    private static int[] OrdinalOrder(DistinctBytes values)
    {
        var order = new int[values.Count];
        for (int d = 0; d < order.Length; d++) order[d] = d;
        order.AsSpan().Sort(new ByBytes(values));
        return order;
    }

    private static int[] RanksInOrder(int[] order)
    {
        var rankOf = new int[order.Length];
        for (int k = 0; k < order.Length; k++) rankOf[order[k]] = k;
        return rankOf;
    }

    // Codes, plates, postcodes and identifiers are often ordered the same way ordinally and by the culture. When each
    // value is strictly below its ordinal successor in the culture, the two orders agree on the whole set (the culture's
    // order is transitive) with no ties, and the ordinal ranks are the culture's: n - 1 comparisons instead of n sort
    // keys (a third of the time for 100k plates). Otherwise, sort keys.
    private static int[] CollatedRanks(DistinctBytes values, System.Globalization.CompareInfo collation)
    {
        var ordinal = OrdinalOrder(values);
        return CultureAgreesWithOrdinal(values, ordinal, collation) ? RanksInOrder(ordinal) : SortKeyRanks(values, collation);
    }
}
