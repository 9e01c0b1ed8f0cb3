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

    /// <summary>Parses an ISO-8601 date or date-time (<c>T</c> or a space between, optional offset) as a UTC <see cref="DateTime"/>.</summary>
    public static bool TryParseTimestamp(string text, out DateTime utc)
        => DateTime.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out utc);

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
