using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Chalk.Store;

/// <summary>The bytes a remote or file store keeps for an entry and its key.</summary>
/// <remarks>
/// A value is <c>[format version][kind][computed-at UTC ticks, 8 bytes LE][payload]</c>. Anything that does not parse
/// exactly (another version, an unknown kind, a wrong length) decodes as null, so the engine treats it as a miss and
/// recomputes. A key is <c>feature|i:123</c> (an integer primary key) or <c>feature|s:text</c> (a string one, kept
/// byte for byte, NUL included), readable in <c>redis-cli</c>.
/// </remarks>
public static class StoredValueCodec
{
    private const byte Version = 1;
    private const int HeaderLength = 10;

    private enum Kind : byte { Null = 0, Bool = 1, Int32 = 2, Int64 = 3, Float32 = 4, Float64 = 5, String = 6, DateTime = 7, DateTimeOffset = 8 }

    /// <summary>The bytes of a value.</summary>
    /// <exception cref="ArgumentException">The value is not one of the feature value types.</exception>
    public static byte[] Encode(StoredValue value)
    {
        var (kind, length) = value.Value switch
        {
            null => (Kind.Null, 0),
            bool => (Kind.Bool, 1),
            int => (Kind.Int32, 4),
            long => (Kind.Int64, 8),
            float => (Kind.Float32, 4),
            double => (Kind.Float64, 8),
            string s => (Kind.String, Encoding.UTF8.GetByteCount(s)),
            DateTime => (Kind.DateTime, 8),
            DateTimeOffset => (Kind.DateTimeOffset, 8),
            var other => throw new ArgumentException($"a {other.GetType().Name} is not a feature value; store bool, int, long, float, double, string, DateTime or DateTimeOffset", nameof(value)),
        };
        var bytes = new byte[HeaderLength + length];
        bytes[0] = Version;
        bytes[1] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(2), value.ComputedAt.UtcTicks);
        var payload = bytes.AsSpan(HeaderLength);
        switch (value.Value)
        {
            case bool b: payload[0] = b ? (byte)1 : (byte)0; break;
            case int i: BinaryPrimitives.WriteInt32LittleEndian(payload, i); break;
            case long l: BinaryPrimitives.WriteInt64LittleEndian(payload, l); break;
            case float f: BinaryPrimitives.WriteSingleLittleEndian(payload, f); break;
            case double d: BinaryPrimitives.WriteDoubleLittleEndian(payload, d); break;
            case string s: Encoding.UTF8.GetBytes(s, payload); break;
            case DateTime t: BinaryPrimitives.WriteInt64LittleEndian(payload, t.Ticks); break;
            case DateTimeOffset o: BinaryPrimitives.WriteInt64LittleEndian(payload, o.UtcTicks); break;
        }
        return bytes;
    }

    /// <summary>The value in <paramref name="bytes"/>, or null when they are not an entry of this format.</summary>
    public static StoredValue? TryDecode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderLength || bytes[0] != Version) return null;
        long at = BinaryPrimitives.ReadInt64LittleEndian(bytes[2..]);
        if (at < DateTimeOffset.MinValue.UtcTicks || at > DateTimeOffset.MaxValue.UtcTicks) return null;
        var computedAt = new DateTimeOffset(at, TimeSpan.Zero);
        var p = bytes[HeaderLength..];
        object? value;
        switch ((Kind)bytes[1])
        {
            case Kind.Null when p.Length == 0: value = null; break;
            case Kind.Bool when p.Length == 1 && p[0] <= 1: value = p[0] == 1; break;
            case Kind.Int32 when p.Length == 4: value = BinaryPrimitives.ReadInt32LittleEndian(p); break;
            case Kind.Int64 when p.Length == 8: value = BinaryPrimitives.ReadInt64LittleEndian(p); break;
            case Kind.Float32 when p.Length == 4: value = BinaryPrimitives.ReadSingleLittleEndian(p); break;
            case Kind.Float64 when p.Length == 8: value = BinaryPrimitives.ReadDoubleLittleEndian(p); break;
            case Kind.String when System.Text.Unicode.Utf8.IsValid(p): value = Encoding.UTF8.GetString(p); break;
            case Kind.DateTime when p.Length == 8 && Ticks(p) is { } t: value = new DateTime(t, DateTimeKind.Unspecified); break;
            case Kind.DateTimeOffset when p.Length == 8 && Ticks(p) is { } o: value = new DateTimeOffset(o, TimeSpan.Zero); break;
            default: return null;
        }
        return new StoredValue(value, computedAt);
    }

    private static long? Ticks(ReadOnlySpan<byte> p)
    {
        long t = BinaryPrimitives.ReadInt64LittleEndian(p);
        return t >= DateTime.MinValue.Ticks && t <= DateTime.MaxValue.Ticks ? t : null;
    }

    /// <summary>The bytes of a key: the feature, then the primary key tagged by kind.</summary>
    /// <exception cref="ArgumentException">The primary key is not an integer or a string.</exception>
    public static byte[] EncodeKey(StoreKey key)
    {
        string entity = key.EntityKey switch
        {
            long l => "i:" + l.ToString(CultureInfo.InvariantCulture),
            int i => "i:" + i.ToString(CultureInfo.InvariantCulture),
            string s => "s:" + s,
            var other => throw new ArgumentException($"a {other?.GetType().Name ?? "null"} primary key cannot key the store; primary keys are integers or strings", nameof(key)),
        };
        return Encoding.UTF8.GetBytes(key.Feature + "|" + entity);
    }
}
