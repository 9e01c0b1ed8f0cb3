using Apache.Arrow;
using Apache.Arrow.Types;
using Chalk.Definitions;
using Chalk.Expressions;

namespace Chalk.Execution.Arrow;

/// <summary>Builds a feature's Arrow column from CLR values (boxed), in row order.</summary>
internal sealed class FeatureColumnBuilder
{
    private readonly ScalarKind _kind;
    private readonly IArrowArrayBuilder _builder;

    public FeatureColumnBuilder(FeatureType type, int capacity)
    {
        _kind = type.Kind;
        _builder = type.Kind switch
        {
            ScalarKind.Bool => new BooleanArray.Builder().Reserve(capacity),
            ScalarKind.Int32 => new Int32Array.Builder().Reserve(capacity),
            ScalarKind.Int64 => new Int64Array.Builder().Reserve(capacity),
            ScalarKind.Float32 => new FloatArray.Builder().Reserve(capacity),
            ScalarKind.Float64 => new DoubleArray.Builder().Reserve(capacity),
            ScalarKind.String => new StringArray.Builder(),
            _ => new TimestampArray.Builder((TimestampType)type.ArrowType).Reserve(capacity),
        };
    }

    public void Append(object? value)
    {
        switch (_builder)
        {
            case BooleanArray.Builder b: if (value is null) b.AppendNull(); else b.Append((bool)value); break;
            case Int32Array.Builder b: if (value is null) b.AppendNull(); else b.Append((int)value); break;
            case Int64Array.Builder b: if (value is null) b.AppendNull(); else b.Append((long)value); break;
            case FloatArray.Builder b: if (value is null) b.AppendNull(); else b.Append((float)value); break;
            case DoubleArray.Builder b: if (value is null) b.AppendNull(); else b.Append((double)value); break;
            case StringArray.Builder b: if (value is null) b.AppendNull(); else b.Append((string)value); break;
            case TimestampArray.Builder b:
                if (value is null) b.AppendNull();
                else b.Append(ToOffset(value));
                break;
        }
    }

    // Timestamps are stored as microseconds; truncate ticks so round trips are exact.
    private DateTimeOffset ToOffset(object value)
    {
        var ticks = value switch
        {
            DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc).Ticks,
            DateTimeOffset o => o.UtcTicks,
            _ => throw new InvalidCastException($"{value.GetType().Name} is not a {_kind} value"),
        };
        return new DateTimeOffset(ArrowTime.TruncateToMicros(new DateTime(ticks)).Ticks, TimeSpan.Zero);
    }

    public IArrowArray Build() => _builder switch
    {
        BooleanArray.Builder b => b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance),
        Int32Array.Builder b => b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance),
        Int64Array.Builder b => b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance),
        FloatArray.Builder b => b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance),
        DoubleArray.Builder b => b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance),
        StringArray.Builder b => b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance),
        TimestampArray.Builder b => b.Build(Chalk.Sql.Arrow.ManagedArrowAllocator.Instance),
        _ => throw new ChalkInternalException("unknown column builder"),
    };
}
