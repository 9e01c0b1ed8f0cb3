using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Compilation;

/// <summary>One node of the compiled DAG: computes its slot's <see cref="ChunkValue"/> for the current chunk from earlier slots.</summary>
internal abstract class Step(int slot, ExprType type)
{
    public int Slot { get; } = slot;

    public ExprType Type { get; } = type;

    public abstract void Execute(ChunkValue[] values, RecordBatch batch, int start, int length);

    /// <summary>The instance one evaluation uses: steps with per-chunk scratch state return a fresh copy, so concurrent evaluations never share it.</summary>
    public virtual Step ForEvaluation() => this;

    /// <summary>Drops references into the last evaluation's batch held by this step's own scratch (its state is kept for the next evaluation).</summary>
    public virtual void Release()
    {
    }

    /// <summary>Copies argument errors into the result (the leftmost failing argument wins, as C# evaluates left to right) and nulls those rows.</summary>
    protected static void PropagateErrors(ChunkValue[] args, ChunkValue result)
    {
        foreach (var a in args)
        {
            if (a.Errors is null) continue;
            for (int row = 0; row < result.Length; row++)
            {
                if (a.Errors[row] is { } msg && !FromEarlierArg(args, a, row)) result.Errors = SetOverriding(result, row, msg);
            }
        }
    }

    private static bool FromEarlierArg(ChunkValue[] args, ChunkValue current, int row)
    {
        foreach (var a in args)
        {
            if (ReferenceEquals(a, current)) return false;
            if (a.Errors?[row] is not null) return true;
        }
        return false;
    }

    private static string?[] SetOverriding(ChunkValue result, int row, string message)
    {
        var errors = result.Errors ?? new string?[result.Capacity];
        errors[row] = message;
        return errors;
    }

    /// <summary>Makes every failed row invalid.</summary>
    protected static void NullFailedRows(ChunkValue result)
    {
        if (result.Errors is null) return;
        var validity = result.MutableValidity();
        for (int row = 0; row < result.Length; row++)
        {
            if (result.Errors[row] is not null) validity[row >> 6] &= ~(1UL << row);
        }
    }

    /// <summary>Fills an array value whose every row is null (values zeroed, strings empty).</summary>
    protected static void MakeAllNull(ChunkValue v)
    {
        switch (v.Type)
        {
            case ExprType.Bool: Bitmaps.ClearAll(v.Bits, v.Length); break;
            case ExprType.Utf8:
                System.Array.Clear(v.OwnedOffsetBytes, 0, (v.Length + 1) * sizeof(int));
                v.OffsetBytes = v.OwnedOffsetBytes;
                v.StringData = ReadOnlyMemory<byte>.Empty;
                break;
            case ExprType.Int32 or ExprType.Float32: v.WritableValues<int>().Clear(); break;
            default: v.WritableValues<long>().Clear(); break;
        }
        Bitmaps.ClearAll(v.OwnedValidity, v.Length);
        v.Validity = v.OwnedValidity;
    }
}

/// <summary>Reads an input column's chunk without copying fixed-width values (the validity bitmap is realigned to the chunk).</summary>
internal sealed class ColumnStep(int slot, ExprType type, int columnIndex) : Step(slot, type)
{
    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var v = values[Slot];
        v.ResetArray(length);
        var array = batch.Column(columnIndex);
        var data = array.Data;
        // Arrow slices: value buffers are addressed from data.Offset, bitmaps by bit data.Offset.
        int row0 = data.Offset + start;
        switch (Type)
        {
            case ExprType.Bool:
                Bitmaps.Load(data.Buffers[1].Span, row0, length, v.Bits);
                break;
            case ExprType.Utf8:
                v.OffsetBytes = data.Buffers[1].Memory.Slice(row0 * sizeof(int), (length + 1) * sizeof(int));
                v.StringData = data.Buffers[2].Memory;
                break;
            default:
                int width = ArrowArrays.Width(Type);
                v.Data = data.Buffers[1].Memory.Slice(row0 * width, length * width);
                break;
        }
        if (array.NullCount > 0 && !data.Buffers[0].IsEmpty)
        {
            Bitmaps.Load(data.Buffers[0].Span, row0, length, v.OwnedValidity);
            v.Validity = v.OwnedValidity;
        }
    }
}

/// <summary>A constant: a scalar, never expanded.</summary>
internal sealed class LiteralStep(int slot, ExprType type, object? value) : Step(slot, type)
{
    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length) => values[Slot].SetScalar(value, length);
}

/// <summary><c>error(message)</c>: every row of the chunk fails.</summary>
internal sealed class ErrorStep(int slot, ExprType type, string message) : Step(slot, type)
{
    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var v = values[Slot];
        v.ResetArray(length);
        MakeAllNull(v);
        for (int row = 0; row < length; row++) v.SetError(row, message);
    }
}
