using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Sql.Arrow;

/// <summary>Builds one result column of an Arrow type the engine maps, from CLR values a provider returns.</summary>
/// <remarks>
/// Sources read provider values into these builders so every source converts the same way: integers widen or
/// narrow with overflow checks, timestamps become microseconds since the Unix epoch (UTC), and a value that
/// cannot become the column's type throws <see cref="InvalidCastException"/>, which the source wraps with the
/// resolver and column names.
/// </remarks>
internal abstract class ArrowColumnBuilder
{
    /// <summary>The Arrow type this builder produces.</summary>
    public abstract IArrowType Type { get; }

    /// <summary>Creates a builder for <paramref name="type"/>.</summary>
    /// <exception cref="NotSupportedException">The type is not one a source returns.</exception>
    public static ArrowColumnBuilder For(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Boolean => new BooleanColumn(),
        ArrowTypeId.Int32 => new Int32Column(),
        ArrowTypeId.Int64 => new Int64Column(),
        ArrowTypeId.Float => new FloatColumn(),
        ArrowTypeId.Double => new DoubleColumn(),
        ArrowTypeId.String => new StringColumn(),
        ArrowTypeId.Timestamp => new TimestampColumn(),
        ArrowTypeId.Null => new NullColumn(),
        _ => throw new NotSupportedException($"no result column builder for Arrow {type.Name}"),
    };

    /// <summary>Appends a null.</summary>
    public abstract void AppendNull();

    /// <summary>Appends <paramref name="value"/> converted to <see cref="Type"/>; <see langword="null"/> and <see cref="DBNull"/> append a null.</summary>
    /// <exception cref="InvalidCastException">The value cannot be represented in <see cref="Type"/>.</exception>
    public void Append(object? value)
    {
        if (value is null || value is DBNull) AppendNull();
        else AppendValue(value);
    }

    /// <summary>Appends a boolean, exactly as <see cref="Append"/> would append it boxed.</summary>
    /// <exception cref="InvalidCastException">The value cannot be represented in <see cref="Type"/>.</exception>
    public virtual void AppendBoolean(bool value) => AppendValue(value);

    /// <summary>Appends a 64-bit integer, exactly as <see cref="Append"/> would append it boxed.</summary>
    /// <remarks>The typed appends let a source read a value with its typed getter and append it without allocating;
    /// a builder overrides the ones it takes often, and the others box and take the general path (a conversion
    /// or an error), so every path converts alike.</remarks>
    /// <exception cref="InvalidCastException">The value cannot be represented in <see cref="Type"/>.</exception>
    public virtual void AppendInt64(long value) => AppendValue(value);

    /// <summary>Appends a double, exactly as <see cref="Append"/> would append it boxed.</summary>
    /// <exception cref="InvalidCastException">The value cannot be represented in <see cref="Type"/>.</exception>
    public virtual void AppendDouble(double value) => AppendValue(value);

    /// <summary>Appends text, exactly as <see cref="Append"/> would append it.</summary>
    /// <exception cref="InvalidCastException">The value cannot be represented in <see cref="Type"/>.</exception>
    public virtual void AppendString(string value) => AppendValue(value);

    /// <summary>Appends text given as UTF-8 bytes, exactly as <see cref="AppendString"/> would append them decoded
    /// (invalid sequences become U+FFFD, as <see cref="Encoding.UTF8"/> decodes them).</summary>
    /// <exception cref="InvalidCastException">The value cannot be represented in <see cref="Type"/>.</exception>
    public virtual void AppendUtf8(ReadOnlySpan<byte> value) => AppendString(Encoding.UTF8.GetString(value));

    /// <summary>Appends a timestamp given as microseconds since the Unix epoch (UTC).</summary>
    /// <exception cref="InvalidCastException">The column is not a timestamp column.</exception>
    public virtual void AppendTimestamp(long unixMicroseconds) => AppendValue(ArrowTypes.FromUnixMicroseconds(unixMicroseconds));

    /// <summary>Builds the array and resets the builder.</summary>
    public abstract IArrowArray Build();

    /// <summary>Appends a non-null value.</summary>
    protected abstract void AppendValue(object value);

    private static InvalidCastException Mismatch(object value, string type)
        => new($"a {value.GetType().Name} value '{Convert.ToString(value, CultureInfo.InvariantCulture)}' cannot become {type}");

    private sealed class BooleanColumn : ArrowColumnBuilder
    {
        private BooleanArray.Builder _b = new();
        public override IArrowType Type => BooleanType.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            bool b => b,
            long l => l != 0,
            int i => i != 0,
            short s => s != 0,
            byte y => y != 0,
            _ => throw Mismatch(value, "bool"),
        });
        public override void AppendBoolean(bool value) => _b.Append(value);
        public override void AppendInt64(long value) => _b.Append(value != 0);
        public override IArrowArray Build() { var a = _b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class Int32Column : ArrowColumnBuilder
    {
        private Int32Array.Builder _b = new();
        public override IArrowType Type => Int32Type.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            int i => i,
            short s => s,
            byte y => y,
            sbyte y => y,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            _ => throw Mismatch(value, "int32"),
        });
        public override void AppendInt64(long value)
        {
            if (value is >= int.MinValue and <= int.MaxValue) _b.Append((int)value);
            else AppendValue(value);
        }
        public override IArrowArray Build() { var a = _b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class Int64Column : ArrowColumnBuilder
    {
        private Int64Array.Builder _b = new();
        public override IArrowType Type => Int64Type.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            long l => l,
            int i => i,
            short s => s,
            byte y => y,
            sbyte y => y,
            uint u => u,
            string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
            _ => throw Mismatch(value, "int64"),
        });
        public override void AppendInt64(long value) => _b.Append(value);
        public override IArrowArray Build() { var a = _b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class FloatColumn : ArrowColumnBuilder
    {
        private FloatArray.Builder _b = new();
        public override IArrowType Type => FloatType.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            float f => f,
            double d => (float)d,
            long l => l,
            int i => i,
            _ => throw Mismatch(value, "float32"),
        });
        public override void AppendDouble(double value) => _b.Append((float)value);
        public override IArrowArray Build() { var a = _b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class DoubleColumn : ArrowColumnBuilder
    {
        private DoubleArray.Builder _b = new();
        public override IArrowType Type => DoubleType.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            double d => d,
            float f => f,
            long l => l,
            int i => i,
            short s => s,
            decimal m => (double)m,
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => throw Mismatch(value, "float64"),
        });
        public override void AppendDouble(double value) => _b.Append(value);
        public override void AppendInt64(long value) => _b.Append(value);
        public override IArrowArray Build() { var a = _b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class StringColumn : ArrowColumnBuilder
    {
        private StringArray.Builder _b = new();
        public override IArrowType Type => StringType.Default;
        public override void AppendNull() => _b.AppendNull();
        protected override void AppendValue(object value) => _b.Append(value switch
        {
            string s => s,
            char c => c.ToString(),
            _ => throw Mismatch(value, "utf8"),
        });
        public override void AppendString(string value) => _b.Append(value);

        // Valid UTF-8 is copied as is; anything else is decoded first so its invalid sequences become U+FFFD, as
        // they would through a string.
        public override void AppendUtf8(ReadOnlySpan<byte> value)
        {
            if (Utf8.IsValid(value)) _b.Append(value);
            else _b.Append(Encoding.UTF8.GetString(value));
        }
        public override IArrowArray Build() { var a = _b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance); _b = new(); return a; }
    }

    private sealed class TimestampColumn : ArrowColumnBuilder
    {
        private readonly ArrowBuffer.Builder<long> _values = new();
        private readonly ArrowBuffer.BitmapBuilder _validity = new();
        private int _nulls;
        public override IArrowType Type => ArrowTypes.Timestamp;
        public override void AppendNull() { _values.Append(0); _validity.Append(false); _nulls++; }
        protected override void AppendValue(object value) => AppendTimestamp(ArrowTypes.ToUnixMicroseconds(value));
        public override void AppendTimestamp(long unixMicroseconds)
        {
            _values.Append(unixMicroseconds);
            _validity.Append(true);
        }
        public override IArrowArray Build()
        {
            int length = _values.Length;
            var validity = _nulls == 0 ? ArrowBuffer.Empty : _validity.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance);
            var array = new TimestampArray(ArrowTypes.Timestamp, _values.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance), validity, length, _nulls, 0);
            _values.Clear();
            _validity.Clear();
            _nulls = 0;
            return array;
        }
    }

    private sealed class NullColumn : ArrowColumnBuilder
    {
        private int _length;
        public override IArrowType Type => NullType.Default;
        public override void AppendNull() => _length++;
        protected override void AppendValue(object value) => throw Mismatch(value, "null");
        public override IArrowArray Build() { var a = new NullArray(_length); _length = 0; return a; }
    }
}
