using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Chalk.Expressions;

/// <summary>Builds one Arrow column of a type the engine maps from CLR values, in row order: the one place a CLR value
/// becomes an Arrow value.</summary>
/// <remarks>
/// <para>
/// Every column the engine builds from values comes through here: a source's result columns, a feature column filled
/// per row (resolvers, inputs, the online store), and an IR column (<see cref="ArrowValues.BuildArray"/>). So each type
/// has one conversion rule, whichever path a value takes:
/// </para>
/// <list type="bullet">
/// <item>integers widen, or narrow with an overflow check; a float column narrows a double; text parses into int64 and
/// float64 (invariant culture); an integer is a boolean when not zero;</item>
/// <item>a time stamp is whole microseconds since the Unix epoch, sub-microsecond ticks floored (as
/// <see cref="ArrowTime.TimestampToMicros"/> floors, so a value before 1970 is the same on every path): a
/// <see cref="DateTime"/> by its wall clock (its kind ignored, as everywhere in the engine), a
/// <see cref="DateTimeOffset"/> by its UTC instant, a <see cref="DateOnly"/> at midnight, text as ISO-8601 (UTC when it has
/// no offset); a duration is <see cref="ArrowTime.DurationToMicros"/>;</item>
/// <item>a value that cannot become the column's type throws <see cref="InvalidCastException"/> naming it; sources wrap
/// it with the resolver and column.</item>
/// </list>
/// <para>
/// The typed appends (<see cref="AppendInt64"/>, …) take a value without boxing it and convert it exactly as
/// <see cref="Append"/> converts it boxed. Columns are built on <see cref="ManagedArrowAllocator"/> (GC memory).
/// </para>
/// </remarks>
internal abstract partial class ArrowColumnBuilder
{
    private protected ArrowColumnBuilder() { }

    /// <summary>The Arrow type this builder produces.</summary>
    public abstract IArrowType Type { get; }

    /// <summary>Creates a builder for <paramref name="type"/>.</summary>
    /// <param name="type">Boolean, int32, int64, float, double, utf8, timestamp[us] (with or without a zone), duration[us] or null.</param>
    /// <param name="capacity">The rows to reserve room for.</param>
    /// <exception cref="NotSupportedException">The type is not one the engine maps.</exception>
    public static ArrowColumnBuilder For(IArrowType type, int capacity = 0) => type switch
    {
        BooleanType => new BooleanColumn(capacity),
        Int32Type => new Int32Column(capacity),
        Int64Type => new Int64Column(capacity),
        FloatType => new FloatColumn(capacity),
        DoubleType => new DoubleColumn(capacity),
        StringType => new StringColumn(capacity),
        TimestampType { Unit: TimeUnit.Microsecond } t => new TimestampColumn(t, capacity),
        DurationType { Unit: TimeUnit.Microsecond } => new DurationColumn(capacity),
        NullType => new NullColumn(),
        _ => throw new NotSupportedException($"no result column builder for Arrow {type.Name}"),
    };

    /// <summary>Creates a builder for an IR type.</summary>
    /// <param name="type">The IR type.</param>
    /// <param name="capacity">The rows to reserve room for.</param>
    public static ArrowColumnBuilder For(ExprType type, int capacity = 0) => For(type.ToArrow(), capacity);

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
    public virtual void AppendTimestamp(long unixMicroseconds) => AppendValue(ArrowTime.TimestampFromMicros(unixMicroseconds, DateTimeKind.Utc));

    /// <summary>Builds the array (on <see cref="ManagedArrowAllocator"/>) and resets the builder.</summary>
    public abstract IArrowArray Build();

    /// <summary>Appends a non-null value.</summary>
    protected abstract void AppendValue(object value);

    /// <summary>The error for a value that cannot become <paramref name="type"/>, naming the value and its CLR type.</summary>
    private protected static InvalidCastException Mismatch(object value, string type)
        => new($"a {value.GetType().Name} value '{Convert.ToString(value, CultureInfo.InvariantCulture)}' cannot become {type}");

    private sealed class NullColumn : ArrowColumnBuilder
    {
        private int _length;
        public override IArrowType Type => NullType.Default;
        public override void AppendNull() => _length++;
        protected override void AppendValue(object value) => throw Mismatch(value, "null");
        public override IArrowArray Build() { var a = new NullArray(_length); _length = 0; return a; }
    }
}
