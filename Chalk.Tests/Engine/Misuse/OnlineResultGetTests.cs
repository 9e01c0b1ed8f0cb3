using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Tests.Engine.Misuse;

/// <summary><see cref="OnlineResult.Get{T}"/> reads a value as its own type or converts it without loss; every other
/// pair of feature type and T is an <see cref="InvalidCastException"/> that names the type to read it as.</summary>
public sealed class OnlineResultGetTests
{
    private static OnlineResult Row(string name, IArrowArray column)
        => new(new RecordBatch(new Schema([new Field(name, column.Data.DataType, true)], null), [column], 1), [], []);

    private static OnlineResult Int(int v) => Row("t.i", new Int32Array.Builder().Append(v).Build());

    private static OnlineResult Long(long v) => Row("t.l", new Int64Array.Builder().Append(v).Build());

    private static OnlineResult Float(float v) => Row("t.f", new FloatArray.Builder().Append(v).Build());

    private static OnlineResult Double(double v) => Row("t.d", new DoubleArray.Builder().Append(v).Build());

    private static OnlineResult Bool(bool v) => Row("t.b", new BooleanArray.Builder().Append(v).Build());

    private static OnlineResult String(string v) => Row("t.s", new StringArray.Builder().Append(v).Build());

    private static OnlineResult Time(bool utc) => Row(utc ? "t.o" : "t.t",
        new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, utc ? "UTC" : null)).Append(new DateTimeOffset(2024, 5, 10, 7, 20, 1, TimeSpan.Zero)).Build());

    [Test]
    public void A_double_read_as_int_throws_instead_of_rounding_and_names_the_type_to_use()
    {
        var ex = Assert.Throws<InvalidCastException>(() => Double(0.5).Get<int>("t.d"));
        Assert.That(ex!.Message, Does.Contain("t.d").And.Contain("double").And.Contain("int").And.Contain("Get<double>(\"t.d\")"));
    }

    [TestCase(0.5)]
    [TestCase(2.0)]
    [TestCase(-1.0)]
    [TestCase(1e300)]
    public void A_double_is_never_read_as_a_narrower_type_even_when_this_value_would_fit(double value)
    {
        var row = Double(value);
        Assert.That(() => row.Get<int>("t.d"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<int?>("t.d"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<long>("t.d"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<float>("t.d"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<decimal>("t.d"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<bool>("t.d"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<string>("t.d"), Throws.TypeOf<InvalidCastException>());
        Assert.That(row.Get<double>("t.d"), Is.EqualTo(value));
        Assert.That(row.Get<double?>("t.d"), Is.EqualTo(value));
        Assert.That(row.Get<object>("t.d"), Is.EqualTo(value));
    }

    [TestCase(0)]
    [TestCase(7)]
    [TestCase(-16777216)]
    [TestCase(int.MaxValue)]
    [TestCase(int.MinValue)]
    public void An_int_widens_to_long_and_double_always(int value)
    {
        var row = Int(value);
        Assert.That(row.Get<int>("t.i"), Is.EqualTo(value));
        Assert.That(row.Get<long>("t.i"), Is.EqualTo((long)value));
        Assert.That(row.Get<long?>("t.i"), Is.EqualTo((long)value));
        Assert.That(row.Get<double>("t.i"), Is.EqualTo((double)value));
        Assert.That(() => row.Get<short>("t.i"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<bool>("t.i"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<string>("t.i"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<decimal>("t.i"), Throws.TypeOf<InvalidCastException>());
    }

    [TestCase(16777216, true)]
    [TestCase(-16777216, true)]
    [TestCase(16777217, false)]
    [TestCase(int.MaxValue, false)]
    [TestCase(int.MinValue, true)]
    public void An_int_is_read_as_float_only_when_the_float_holds_it_exactly(int value, bool exact)
    {
        var row = Int(value);
        if (exact) Assert.That(row.Get<float>("t.i"), Is.EqualTo((float)value));
        else Assert.That(() => row.Get<float>("t.i"), Throws.TypeOf<InvalidCastException>().With.Message.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Message.Contains("Get<int>"));
    }

    [TestCase(0L, true)]
    [TestCase(9007199254740992L, true)]
    [TestCase(9007199254740993L, false)]
    [TestCase(-9007199254740993L, false)]
    [TestCase(long.MaxValue, false)]
    [TestCase(long.MaxValue - 511, false)]
    [TestCase(long.MinValue, true)]
    [TestCase(1L << 62, true)]
    public void A_long_is_read_as_double_only_when_the_double_holds_it_exactly(long value, bool exact)
    {
        var row = Long(value);
        Assert.That(row.Get<long>("t.l"), Is.EqualTo(value));
        if (exact) Assert.That(row.Get<double>("t.l"), Is.EqualTo((double)value));
        else Assert.That(() => row.Get<double>("t.l"), Throws.TypeOf<InvalidCastException>().With.Message.Contains("Get<long>(\"t.l\")"));
    }

    [TestCase(7L)]
    [TestCase(0L)]
    public void A_long_is_never_read_as_int_even_when_this_value_would_fit(long value)
    {
        var ex = Assert.Throws<InvalidCastException>(() => Long(value).Get<int>("t.l"));
        Assert.That(ex!.Message, Does.Contain("t.l is a long").And.Contain("Get<long>(\"t.l\")"));
        Assert.That(() => Long(value).Get<float>("t.l"), Throws.TypeOf<InvalidCastException>());
    }

    [Test]
    public void A_float_widens_to_double_and_nothing_else()
    {
        var row = Float(0.1f);
        Assert.That(row.Get<float>("t.f"), Is.EqualTo(0.1f));
        Assert.That(row.Get<double>("t.f"), Is.EqualTo((double)0.1f));
        Assert.That(() => row.Get<int>("t.f"), Throws.TypeOf<InvalidCastException>());
        Assert.That(() => row.Get<long>("t.f"), Throws.TypeOf<InvalidCastException>());
    }

    [Test]
    public void Bools_strings_and_times_are_read_only_as_themselves()
    {
        Assert.That(Bool(true).Get<bool>("t.b"), Is.True);
        Assert.That(Bool(true).Get<bool?>("t.b"), Is.True);
        Assert.That(() => Bool(true).Get<int>("t.b"), Throws.TypeOf<InvalidCastException>().With.Message.Contains("t.b is a bool"));
        Assert.That(String("12").Get<string>("t.s"), Is.EqualTo("12"));
        Assert.That(() => String("12").Get<int>("t.s"), Throws.TypeOf<InvalidCastException>().With.Message.Contains("Get<string>(\"t.s\")"));
        Assert.That(Time(utc: false).Get<DateTime>("t.t"), Is.EqualTo(new DateTime(2024, 5, 10, 7, 20, 1)));
        Assert.That(() => Time(utc: false).Get<DateTimeOffset>("t.t"), Throws.TypeOf<InvalidCastException>().With.Message.Contains("Get<DateTime>"));
        Assert.That(() => Time(utc: false).Get<long>("t.t"), Throws.TypeOf<InvalidCastException>());
        Assert.That(Time(utc: true).Get<DateTimeOffset>("t.o"), Is.EqualTo(new DateTimeOffset(2024, 5, 10, 7, 20, 1, TimeSpan.Zero)));
        Assert.That(() => Time(utc: true).Get<DateTime>("t.o"), Throws.TypeOf<InvalidCastException>().With.Message.Contains("Get<DateTimeOffset>"));
    }

    [Test]
    public void A_null_value_is_default_for_nullable_types_and_an_error_naming_the_nullable_type_otherwise()
    {
        var row = Row("t.d", new DoubleArray.Builder().AppendNull().Build());
        Assert.That(row.Get<double?>("t.d"), Is.Null);
        Assert.That(row.Get<long?>("t.d"), Is.Null);
        Assert.That(row.Get<string>("t.d"), Is.Null);
        Assert.That(() => row.Get<double>("t.d"), Throws.TypeOf<InvalidCastException>().With.Message.Contains("Get<double?>(\"t.d\")"));
    }
}
