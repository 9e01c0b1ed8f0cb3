using System.Text;
using Chalk.Store;

namespace Chalk.Tests.Store;

/// <summary>The bytes remote and file stores keep: every value kind round trips, anything else decodes as null and
/// never throws, and keys keep every character and the kind of the primary key.</summary>
public sealed class StoredValueCodecTests
{
    private static StoredValue At(object? value) => new(value, FeatureValueSamples.ComputedAt);

    [TestCaseSource(typeof(FeatureValueSamples), nameof(FeatureValueSamples.Cases))]
    public void A_value_round_trips(int sample)
    {
        var (name, value) = FeatureValueSamples.All[sample];
        var decoded = StoredValueCodec.TryDecode(StoredValueCodec.Encode(At(value)));
        Assert.That(decoded, Is.Not.Null, name);
        FeatureValueSamples.AssertSameValue(value, decoded!.Value.Value, name);
        Assert.That(decoded.Value.ComputedAt.UtcTicks, Is.EqualTo(FeatureValueSamples.ComputedAt.UtcTicks));
    }

    [Test]
    public void A_value_of_another_type_cannot_be_encoded()
    {
        Assert.Throws<ArgumentException>(() => StoredValueCodec.Encode(At(1.5m)));
        Assert.Throws<ArgumentException>(() => StoredValueCodec.Encode(At(Guid.Empty)));
    }

    [TestCaseSource(typeof(FeatureValueSamples), nameof(FeatureValueSamples.Cases))]
    public void A_value_cut_short_decodes_as_null(int sample)
    {
        var (name, value) = FeatureValueSamples.All[sample];
        var bytes = StoredValueCodec.Encode(At(value));
        for (int length = 0; length < bytes.Length; length++)
        {
            var decoded = StoredValueCodec.TryDecode(bytes.AsSpan(0, length));
            // A string carries its length, so even cut at a character boundary it is not read as a shorter one.
            Assert.That(decoded, Is.Null, $"{name} cut to {length} bytes");
        }
    }

    [TestCase("\ud800")]
    [TestCase("a\udc00b")]
    [TestCase("\udc00\ud800")]
    public void A_string_with_an_unpaired_surrogate_round_trips_exactly_and_keys_its_own_entry(string text)
    {
        Assert.That(StoredValueCodec.TryDecode(StoredValueCodec.Encode(At(text)))?.Value, Is.EqualTo(text));
        Assert.That(StoredValueCodec.EncodeKey(new("locker.slot", text)), Is.Not.EqualTo(StoredValueCodec.EncodeKey(new("locker.slot", "\ufffd"))));
        Assert.That(StoredValueCodec.EncodeKey(new("locker.slot", text)), Is.Not.EqualTo(StoredValueCodec.EncodeKey(new("locker.slot", text + "x"))));
        Assert.That(StoredValueCodec.EncodeEntity("\ud800"), Is.EqualTo("u:d800"u8.ToArray()));
    }

    [Test]
    public void A_string_cut_inside_a_character_decodes_as_null()
    {
        var bytes = StoredValueCodec.Encode(At("\U0001F600"));
        for (int cut = 1; cut < 4; cut++)
            Assert.That(StoredValueCodec.TryDecode(bytes.AsSpan(0, bytes.Length - cut)), Is.Null, $"{cut} bytes short");
    }

    [TestCase((byte)0)]
    [TestCase((byte)2)]
    [TestCase((byte)255)]
    public void Another_format_version_decodes_as_null(byte version)
    {
        foreach (var (name, value) in FeatureValueSamples.All)
        {
            var bytes = StoredValueCodec.Encode(At(value));
            bytes[0] = version;
            Assert.That(StoredValueCodec.TryDecode(bytes), Is.Null, name);
        }
    }

    [Test]
    public void Bytes_that_break_a_rule_of_the_format_decode_as_null()
    {
        var valid = StoredValueCodec.Encode(At(true));
        Assert.Multiple(() =>
        {
            Assert.That(StoredValueCodec.TryDecode(With(valid, 1, 99)), Is.Null, "unknown kind");
            Assert.That(StoredValueCodec.TryDecode(With(valid, 10, 2)), Is.Null, "a bool that is neither 0 nor 1");
            Assert.That(StoredValueCodec.TryDecode([.. valid, 0]), Is.Null, "a bool with a byte too many");
            Assert.That(StoredValueCodec.TryDecode(With(valid, 9, 0x7F)), Is.Null, "computed-at beyond DateTimeOffset.MaxValue");
            Assert.That(StoredValueCodec.TryDecode([.. StoredValueCodec.Encode(At(null)), 0]), Is.Null, "a null with a payload");
            Assert.That(StoredValueCodec.TryDecode(With(StoredValueCodec.Encode(At(DateTime.MaxValue)), 17, 0x7F)), Is.Null, "ticks beyond DateTime.MaxValue");
            Assert.That(StoredValueCodec.TryDecode([.. StoredValueCodec.Encode(At("")), 0xFF]), Is.Null, "a string that is not UTF-8");
            Assert.That(StoredValueCodec.TryDecode([]), Is.Null, "nothing");
        });
    }

    [Test]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20250314);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 32)];
            random.NextBytes(bytes);
            // Mostly the right version and a known kind, so the payload checks are reached too.
            if (bytes.Length > 1 && i % 2 == 0) (bytes[0], bytes[1]) = (1, (byte)random.Next(0, 10));
            if (bytes.Length >= 10 && i % 4 == 0) bytes[9] = 0;
            if (StoredValueCodec.TryDecode(bytes) is not null) decoded++;
        }
        Assert.That(decoded, Is.GreaterThan(0), "some random bytes are well-formed entries");
    }

    [Test]
    public void A_key_keeps_NUL_and_the_kind_of_its_primary_key()
    {
        Assert.That(StoredValueCodec.EncodeKey(new("locker.slot", "a\0b")), Is.EqualTo(Encoding.UTF8.GetBytes("locker.slot|s:a\0b")));
        Assert.That(StoredValueCodec.EncodeKey(new("locker.slot", "a\0b")), Is.Not.EqualTo(StoredValueCodec.EncodeKey(new("locker.slot", "a"))));
        Assert.That(StoredValueCodec.EncodeKey(new("user.age", 1)), Is.EqualTo("user.age|i:1"u8.ToArray()));
        Assert.That(StoredValueCodec.EncodeKey(new("user.age", 1)), Is.EqualTo(StoredValueCodec.EncodeKey(new("user.age", 1L))));
        Assert.That(StoredValueCodec.EncodeKey(new("user.age", 1)), Is.Not.EqualTo(StoredValueCodec.EncodeKey(new("user.age", "1"))));
        Assert.That(StoredValueCodec.EncodeKey(new("user.age", -12L)), Is.EqualTo("user.age|i:-12"u8.ToArray()));
    }

    [Test]
    public void A_key_that_is_not_an_integer_or_a_string_cannot_be_encoded()
    {
        Assert.Throws<ArgumentException>(() => StoredValueCodec.EncodeKey(new("user.age", 1.0)));
        Assert.Throws<ArgumentException>(() => StoredValueCodec.EncodeKey(new("user.age", null!)));
    }

    private static byte[] With(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] = value;
        return copy;
    }
}
