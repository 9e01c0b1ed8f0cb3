using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Expressions;

// The time stamp and duration columns, and the one rule that turns a CLR value into a time stamp.
internal abstract partial class ArrowColumnBuilder
{
    /// <summary>Microseconds since the Unix epoch for a time-stamp value: the rule of every timestamp column (see the
    /// class remarks).</summary>
    /// <exception cref="InvalidCastException">The value is not a time stamp.</exception>
    public static long TimestampMicros(object value) => value switch
    {
        DateTime t => ArrowTime.TimestampToMicros(t),
        DateTimeOffset o => ArrowTime.FloorTicksToMicros(o.UtcTicks),
        DateOnly d => ArrowTime.TimestampToMicros(d.ToDateTime(TimeOnly.MinValue)),
        string s when TryParseTimestamp(s, out var t) => ArrowTime.TimestampToMicros(t),
        _ => throw Mismatch(value, "a timestamp"),
    };

    /// <summary>Parses an ISO-8601 date or date-time as a UTC <see cref="DateTime"/>: <c>yyyy-MM-dd</c>, then optionally
    /// <c>T</c> or a space, <c>HH:mm</c>, <c>:ss</c> and up to seven fraction digits, and an offset (<c>Z</c>, <c>+02:00</c>,
    /// <c>+0200</c>; none is UTC). Surrounding white space is allowed.</summary>
    /// <remarks>Nothing else parses: .NET's lenient parse would read <c>12:00</c> as today at noon and <c>1/2/2024</c> by the
    /// US order, values that change with the day or the writer's habits.</remarks>
    public static bool TryParseTimestamp(string text, out DateTime utc)
        => DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowLeadingWhite | DateTimeStyles.AllowTrailingWhite, out utc);

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-ddK",
        .. from separator in new[] { "'T'", "' '" }
           from time in new[] { "HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF" }
           from zone in new[] { "K", " K" }
           select "yyyy-MM-dd" + separator + time + zone,
    ];

    // Raw microseconds go straight into the value buffer (Arrow's timestamp builder takes a DateTimeOffset and truncates
    // toward zero); the column keeps the given type, so a DateTimeOffset feature's zone annotation survives.
    private sealed class TimestampColumn(TimestampType type, int capacity) : MicrosecondColumn(capacity)
    {
        public override IArrowType Type => type;
        protected override void AppendValue(object value) => AppendMicros(TimestampMicros(value));
        public override void AppendTimestamp(long unixMicroseconds) => AppendMicros(unixMicroseconds);
    }

    private sealed class DurationColumn(int capacity) : MicrosecondColumn(capacity)
    {
        public override IArrowType Type => DurationType.Microsecond;
        protected override void AppendValue(object value)
            => AppendMicros(value is TimeSpan d ? ArrowTime.DurationToMicros(d) : throw Mismatch(value, "a duration"));
    }

    // A column of 64-bit microsecond counts and their validity, as time stamps and durations both are.
    private abstract class MicrosecondColumn(int capacity) : ArrowColumnBuilder
    {
        private readonly ArrowBuffer.Builder<long> _values = new(capacity);
        private readonly ArrowBuffer.BitmapBuilder _validity = new(capacity);
        private int _nulls;

        public sealed override void AppendNull()
        {
            _values.Append(0);
            _validity.Append(false);
            _nulls++;
        }

        protected void AppendMicros(long micros)
        {
            _values.Append(micros);
            _validity.Append(true);
        }

        public sealed override IArrowArray Build()
        {
            int length = _values.Length;
            var validity = _nulls == 0 ? ArrowBuffer.Empty : _validity.Build(ManagedArrowAllocator.Instance);
            var array = ArrowArrayFactory.BuildArray(new ArrayData(Type, length, _nulls, 0, [validity, _values.Build(ManagedArrowAllocator.Instance)]));
            _values.Clear();
            _validity.Clear();
            _nulls = 0;
            return array;
        }
    }
}
