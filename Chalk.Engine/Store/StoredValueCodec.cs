using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Chalk.Store;

/// <summary>The bytes a remote or file store keeps for an entry and its key.</summary>
/// <remarks>
/// A value is <c>[format version][kind][computed-at UTC ticks, 8 bytes LE][payload]</c>; a string's payload starts with
/// its byte length, so a value cut short is never read as a shorter string. Anything that does not parse exactly
/// (another version, an unknown kind, a wrong length) decodes as null, so the engine treats it as a miss and recomputes.
/// A key is <c>feature|i:123</c> (an integer primary key) or <c>feature|s:text</c> (a string one, kept byte for byte,
/// NUL included), readable in <c>redis-cli</c>. A string that is not valid UTF-16 (an unpaired surrogate) is kept as
/// its UTF-16 code units (<c>u:</c> and hex digits for a key), so no two strings share an entry.
/// </remarks>
public static class StoredValueCodec
{
    private const byte Version = 1;
    private const int HeaderLength = 10;

    private enum Kind : byte { Null = 0, Bool = 1, Int32 = 2, Int64 = 3, Float32 = 4, Float64 = 5, String = 6, DateTime = 7, DateTimeOffset = 8, Utf16 = 9 }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

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
            string s when Utf16Valid(s) => (Kind.String, 4 + StrictUtf8.GetByteCount(s)),
            string s => (Kind.Utf16, s.Length * 2),
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
            case string s when kind == Kind.String:
                BinaryPrimitives.WriteInt32LittleEndian(payload, payload.Length - 4);
                StrictUtf8.GetBytes(s, payload[4..]);
                break;
            case string s:
                for (int i = 0; i < s.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(payload[(2 * i)..], s[i]);
                break;
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
            case Kind.String when p.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(p) == p.Length - 4 && System.Text.Unicode.Utf8.IsValid(p[4..]):
                value = Encoding.UTF8.GetString(p[4..]);
                break;
            case Kind.Utf16 when p.Length % 2 == 0 && p.Length > 0: value = Utf16String(p); break;
            case Kind.DateTime when p.Length == 8 && Ticks(p) is { } t: value = new DateTime(t, DateTimeKind.Unspecified); break;
            case Kind.DateTimeOffset when p.Length == 8 && Ticks(p) is { } o: value = new DateTimeOffset(o, TimeSpan.Zero); break;
            default: return null;
        }
        return new StoredValue(value, computedAt);
    }

    private static bool Utf16Valid(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            if (char.IsSurrogate(s[i])) return false;
        }
        return true;
    }

    private static string Utf16String(ReadOnlySpan<byte> p)
    {
        var chars = new char[p.Length / 2];
        for (int i = 0; i < chars.Length; i++) chars[i] = (char)BinaryPrimitives.ReadUInt16LittleEndian(p[(2 * i)..]);
        return new string(chars);
    }

    private static long? Ticks(ReadOnlySpan<byte> p)
    {
        long t = BinaryPrimitives.ReadInt64LittleEndian(p);
        return t >= DateTime.MinValue.Ticks && t <= DateTime.MaxValue.Ticks ? t : null;
    }

    /// <summary>The bytes of a key: the feature, then the primary key tagged by kind.</summary>
    /// <exception cref="ArgumentException">The primary key is not an integer or a string.</exception>
    public static byte[] EncodeKey(StoreKey key) => Encoding.UTF8.GetBytes(key.Feature + "|" + Entity(key.EntityKey, nameof(key)));

    /// <summary>The bytes of a primary key alone (<c>i:123</c>, <c>s:text</c>, or <c>u:</c> and the hex code units of a
    /// string that is not valid UTF-16), for stores that keep the feature apart.</summary>
    /// <exception cref="ArgumentException">The primary key is not an integer or a string.</exception>
    public static byte[] EncodeEntity(object entityKey) => Encoding.UTF8.GetBytes(Entity(entityKey, nameof(entityKey)));

    private static string Entity(object? entityKey, string parameter) => entityKey switch
    {
        long l => "i:" + l.ToString(CultureInfo.InvariantCulture),
        int i => "i:" + i.ToString(CultureInfo.InvariantCulture),
        string s when Utf16Valid(s) => "s:" + s,
        string s => "u:" + string.Concat(s.Select(c => ((int)c).ToString("x4", CultureInfo.InvariantCulture))),
        var other => throw new ArgumentException($"a {other?.GetType().Name ?? "null"} primary key cannot key the store; primary keys are integers or strings", parameter),
    };
}
