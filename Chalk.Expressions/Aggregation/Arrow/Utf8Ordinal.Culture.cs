using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

// A culture's order of UTF-8 strings: whether it agrees with their bytes or their ordinal order, and sort-key ranks where it does not.
public static partial class Utf8Ordinal
{
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
}
