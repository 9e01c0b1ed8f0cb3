using Apache.Arrow;

namespace Chalk.Expressions.Aggregation;

// The distinct values of a string column: numbered by a hash table over their bytes, then gathered for sorting.
public static partial class Utf8Ordinal
{
    // Distinct values are unique, so the order has no ties; a struct comparer keeps the sort free of delegate calls.
    private readonly struct ByBytes(DistinctBytes values) : IComparer<int>
    {
        public int Compare(int x, int y) => Utf8Ordinal.Compare(values[x], values[y]);
    }

    /// <summary>The distinct values' bytes side by side, value <c>d</c> at <c>Bytes[Starts[d]..Starts[d + 1]]</c>: sorting
    /// compares plain spans (reading each through the Arrow array made a sort of 100k values 1.4× slower in Release).</summary>
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
