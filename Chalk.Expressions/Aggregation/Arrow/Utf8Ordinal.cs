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

    /// <summary>Whether <paramref name="culture"/> orders <paramref name="values"/> exactly as their UTF-8 bytes: listed in
    /// strictly increasing byte order, each is also strictly below the next in the culture (so, the culture's order being
    /// transitive, no two of them are equal in it and every pair compares alike).</summary>
    /// <remarks>What lets a database order these strings by their bytes and still answer as LINQ does under the culture.</remarks>
    /// <param name="values">The strings, without nulls, sorted by their bytes.</param>
    /// <param name="culture">The culture whose order counts.</param>
    /// <returns>False as well when the values are not in strictly increasing byte order or hold a null.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool CultureOrdersAsBytes(StringArray values, System.Globalization.CompareInfo culture)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(culture);
        if (values.NullCount > 0) return false;
        for (int k = 1; k < values.Length; k++)
        {
            if (values.GetBytes(k - 1).SequenceCompareTo(values.GetBytes(k)) >= 0) return false;
        }
        return StrictlyIncreasingIn(culture, new Listed(values), values.Length);
    }

    private static bool CultureAgreesWithOrdinal(DistinctBytes values, int[] ordinal, System.Globalization.CompareInfo collation)
        => StrictlyIncreasingIn(collation, new InOrder(values, ordinal), ordinal.Length);

    private interface IUtf8List
    {
        ReadOnlySpan<byte> this[int k] { get; }
    }

    private readonly struct Listed(StringArray values) : IUtf8List
    {
        public ReadOnlySpan<byte> this[int k] => values.GetBytes(k);
    }

    private readonly struct InOrder(DistinctBytes values, int[] order) : IUtf8List
    {
        public ReadOnlySpan<byte> this[int k] => values[order[k]];
    }

    private static bool StrictlyIncreasingIn<TList>(System.Globalization.CompareInfo collation, TList values, int count) where TList : struct, IUtf8List
    {
        char[] previous = System.Buffers.ArrayPool<char>.Shared.Rent(256);
        char[] current = System.Buffers.ArrayPool<char>.Shared.Rent(256);
        try
        {
            int previousLength = 0;
            for (int k = 0; k < count; k++)
            {
                int length = Decode(values[k], ref current);
                if (k > 0 && collation.Compare(previous.AsSpan(0, previousLength), current.AsSpan(0, length), System.Globalization.CompareOptions.None) >= 0)
                    return false;
                (previous, current) = (current, previous);
                previousLength = length;
            }
            return true;
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(previous);
            System.Buffers.ArrayPool<char>.Shared.Return(current);
        }
    }

    // Decodes utf8 into chars (a pooled buffer, replaced by a larger one when too small); returns the length.
    private static int Decode(ReadOnlySpan<byte> utf8, ref char[] chars)
    {
        if (chars.Length < utf8.Length)
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
            chars = System.Buffers.ArrayPool<char>.Shared.Rent(utf8.Length);
        }
        return System.Text.Encoding.UTF8.GetChars(utf8, chars);
    }

    // A culture's order has ties between distinct strings ("é" and "e\u0301"): one sort key per distinct value, compared
    // as bytes (the culture's order, and equal exactly when the culture says equal), and equal keys share a rank. Each
    // key is made by one ICU call into a reused buffer (asking for its length first computed it twice), from the value
    // decoded into a reused char buffer, and kept in one byte arena.
    private static int[] SortKeyRanks(DistinctBytes values, System.Globalization.CompareInfo collation)
    {
        int count = values.Count;
        var starts = new int[count + 1];
        var arena = new byte[Math.Max(16, count * 16)];
        var order = new int[count];
        char[] chars = System.Buffers.ArrayPool<char>.Shared.Rent(256);
        byte[] key = System.Buffers.ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            int used = 0;
            for (int d = 0; d < count; d++)
            {
                int decoded = Decode(values[d], ref chars);
                var value = chars.AsSpan(0, decoded);
                int length = SortKey(collation, value, ref key);
                if (used + length > arena.Length) System.Array.Resize(ref arena, Math.Max(arena.Length * 2, used + length));
                key.AsSpan(0, length).CopyTo(arena.AsSpan(used));
                starts[d] = used;
                used += length;
                starts[d + 1] = used;
                order[d] = d;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
            System.Buffers.ArrayPool<byte>.Shared.Return(key);
        }
        order.AsSpan().Sort(new BySortKey(arena, starts));
        var rankOf = new int[count];
        int rank = 0;
        for (int k = 0; k < count; k++)
        {
            if (k > 0 && new BySortKey(arena, starts).Compare(order[k - 1], order[k]) != 0) rank++;
            rankOf[order[k]] = rank;
        }
        return rankOf;
    }

    // The sort key of value in key (grown when too small); returns its length.
    private static int SortKey(System.Globalization.CompareInfo collation, ReadOnlySpan<char> value, ref byte[] key)
    {
        // A key is rarely more than a few bytes per char; a longer one is measured first.
        if (value.Length * 4 + 64 > key.Length)
        {
            int length = collation.GetSortKeyLength(value, System.Globalization.CompareOptions.None);
            if (length > key.Length)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(key);
                key = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            }
        }
        try
        {
            return collation.GetSortKey(value, key, System.Globalization.CompareOptions.None);
        }
        catch (ArgumentException)
        {
            int length = collation.GetSortKeyLength(value, System.Globalization.CompareOptions.None);
            System.Buffers.ArrayPool<byte>.Shared.Return(key);
            key = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            return collation.GetSortKey(value, key, System.Globalization.CompareOptions.None);
        }
    }

    private readonly struct BySortKey(byte[] arena, int[] starts) : IComparer<int>
    {
        public int Compare(int x, int y)
            => arena.AsSpan(starts[x], starts[x + 1] - starts[x]).SequenceCompareTo(arena.AsSpan(starts[y], starts[y + 1] - starts[y]));
    }

    // Distinct values are unique, so the order has no ties; a struct comparer keeps the sort free of delegate calls.
    private readonly struct ByBytes(DistinctBytes values) : IComparer<int>
    {
        public int Compare(int x, int y) => Utf8Ordinal.Compare(values[x], values[y]);
    }

    /// <summary>The distinct values' bytes side by side, value <c>d</c> at <c>Bytes[Starts[d]..Starts[d + 1]]</c>: sorting
    /// compares plain spans (reading each through the Arrow array made a sort of 100k values 6× slower).</summary>
    private readonly struct DistinctBytes(byte[] bytes, int[] starts)
    {
        public int Count => starts.Length - 1;

        public ReadOnlySpan<byte> this[int d] => bytes.AsSpan(starts[d], starts[d + 1] - starts[d]);

        public static DistinctBytes Gather(StringArray strings, DistinctUtf8 distinct)
        {
            var starts = new int[distinct.Count + 1];
            var offsets = strings.ValueOffsets;
            long total = 0;
            for (int d = 0; d < distinct.Count; d++)
            {
                int row = distinct.FirstRows[d];
                total += offsets[row + 1] - offsets[row];
            }
            var bytes = new byte[total];
            var data = strings.Values;
            int used = 0;
            for (int d = 0; d < distinct.Count; d++)
            {
                int row = distinct.FirstRows[d];
                var value = data.Slice(offsets[row], offsets[row + 1] - offsets[row]);
                value.CopyTo(bytes.AsSpan(used));
                starts[d] = used;
                used += value.Length;
            }
            starts[distinct.Count] = used;
            return new DistinctBytes(bytes, starts);
        }
    }

    /// <summary>Numbers the distinct values of a string column in first-seen order (open addressing over the bytes).</summary>
    /// <remarks>Each slot keeps the value's hash beside its number, so a probe compares bytes only when the hashes match;
    /// short values (most keys: a postcode, a status) hash from two overlapping 8-byte loads.</remarks>
    private sealed class DistinctUtf8
    {
        // (hash << 32) | (id + 1); 0 is an empty slot.
        private ulong[] _slots = new ulong[64];
        private int[] _firstRows = new int[32];

        public int Count { get; private set; }

        public int[] FirstRows => _firstRows;

        public int IdOf(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> data, int row)
        {
            var bytes = data.Slice(offsets[row], offsets[row + 1] - offsets[row]);
            uint hash = Hash(bytes);
            int mask = _slots.Length - 1;
            for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
            {
                ulong entry = _slots[slot];
                if (entry == 0)
                {
                    int id = Count++;
                    if (id == _firstRows.Length) System.Array.Resize(ref _firstRows, id * 2);
                    _firstRows[id] = row;
                    _slots[slot] = ((ulong)hash << 32) | (uint)(id + 1);
                    if (Count * 2 > _slots.Length) Grow();
                    return id;
                }
                if ((uint)(entry >> 32) == hash)
                {
                    int other = _firstRows[(int)(uint)entry - 1];
                    if (data.Slice(offsets[other], offsets[other + 1] - offsets[other]).SequenceEqual(bytes)) return (int)(uint)entry - 1;
                }
            }
        }

        private static uint Hash(ReadOnlySpan<byte> bytes)
        {
            ulong h;
            if (bytes.Length <= 16)
            {
                // Overlapping loads cover every byte without a loop; the length tells "a" from "a\0".
                ulong lo, hi = 0;
                int n = bytes.Length;
                if (n >= 8)
                {
                    lo = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes);
                    hi = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes[(n - 8)..]);
                }
                else if (n >= 4)
                {
                    lo = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes)
                        | ((ulong)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes[(n - 4)..]) << 32);
                }
                else
                {
                    lo = n == 0 ? 0 : bytes[0] | ((ulong)bytes[n >> 1] << 8) | ((ulong)bytes[n - 1] << 16);
                }
                h = (lo * 0x9E3779B97F4A7C15UL) ^ (hi * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)n * 0x165667B19E3779F9UL);
            }
            else
            {
                var hash = new HashCode();
                hash.AddBytes(bytes);
                h = (ulong)(uint)hash.ToHashCode() * 0x9E3779B97F4A7C15UL;
            }
            h ^= h >> 29;
            h *= 0xBF58476D1CE4E5B9UL;
            h ^= h >> 32;
            return (uint)h;
        }

        private void Grow()
        {
            var slots = new ulong[_slots.Length * 2];
            int mask = slots.Length - 1;
            foreach (ulong entry in _slots)
            {
                if (entry == 0) continue;
                int slot = (int)(entry >> 32) & mask;
                while (slots[slot] != 0) slot = (slot + 1) & mask;
                slots[slot] = entry;
            }
            _slots = slots;
        }
    }
}
