using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Compilation;

/// <summary><c>if(c, a, b)</c>: both branches were computed vectorized; the bitmap selects values, validity and errors (only the taken branch's count).</summary>
internal sealed class IfStep(int slot, ExprType type, int cond, int then, int @else, int capacity) : Step(slot, type)
{
    private readonly ulong[] _take = new ulong[ChunkValue.Words(capacity)];

    public override Step ForEvaluation() => new IfStep(Slot, Type, cond, then, @else, capacity);

    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var c = values[cond];
        var a = values[then];
        var b = values[@else];
        var result = values[Slot];
        if (c.IsScalar)
        {
            Selection.Alias(result, c.Scalar is true ? a : b, length);
            return;
        }
        int words = ChunkValue.Words(length);
        var bits = c.Bits;
        var valid = c.Validity;
        for (int w = 0; w < words; w++) _take[w] = bits[w] & (valid?[w] ?? ulong.MaxValue);
        if (c.Errors is null && Bitmaps.AllSet(_take, length))
        {
            Selection.Alias(result, a, length);
            return;
        }
        if (c.Errors is null && Bitmaps.NoneSet(_take, length))
        {
            Selection.Alias(result, b, length);
            return;
        }
        Selection.SelectInto(result, _take, a, b, length);
        if (c.Errors is not null)
        {
            for (int row = 0; row < length; row++)
            {
                if (c.Errors[row] is { } msg)
                {
                    result.Errors ??= new string?[result.Capacity];
                    result.Errors[row] = msg;
                }
            }
        }
        NullFailedRows(result);
    }
}

/// <summary><c>is_null(x)</c>: the complement of the validity bitmap; never null.</summary>
internal sealed class IsNullStep(int slot, int operand) : Step(slot, ExprType.Bool)
{
    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var x = values[operand];
        var result = values[Slot];
        if (x.IsScalar)
        {
            result.SetScalar(x.Scalar is null, length);
            return;
        }
        result.ResetArray(length);
        int words = ChunkValue.Words(length);
        if (x.Validity is null) Bitmaps.ClearAll(result.Bits, length);
        else
        {
            for (int w = 0; w < words; w++) result.Bits[w] = ~x.Validity[w];
            if (words > 0) result.Bits[words - 1] &= Bitmaps.TailMask(length);
        }
        if (x.Errors is not null)
        {
            result.Errors = x.Errors;
            NullFailedRows(result);
        }
    }
}

/// <summary><c>coalesce(a, b, …)</c>: each later operand fills the rows still null (and not failed); its errors count only there.</summary>
internal sealed class CoalesceStep(int slot, ExprType type, int[] operands, int capacity) : Step(slot, type)
{
    private readonly ulong[] _take = new ulong[ChunkValue.Words(capacity)];
    private readonly ChunkValue _scratch = new(type, capacity);

    public override Step ForEvaluation() => new CoalesceStep(Slot, Type, operands, capacity);

    public override void Release() => _scratch.Release();

    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var result = values[Slot];
        ChunkValue current = values[operands[0]];
        int words = ChunkValue.Words(length);
        for (int k = 1; k < operands.Length; k++)
        {
            var validity = current.EffectiveValidity;
            if (validity is null) break;
            bool any = false;
            for (int w = 0; w < words; w++)
            {
                ulong t = ~validity[w];
                if (current.Errors is not null)
                {
                    for (int bit = 0; bit < 64 && (w << 6) + bit < length; bit++)
                    {
                        if (current.Errors[(w << 6) + bit] is not null) t &= ~(1UL << bit);
                    }
                }
                _take[w] = t;
                any |= t != 0;
            }
            if (words > 0) _take[words - 1] &= Bitmaps.TailMask(length);
            if (!any) break;
            var target = ReferenceEquals(current, result) ? _scratch : result;
            Selection.SelectInto(target, _take, values[operands[k]], current, length);
            current = target;
        }
        if (!ReferenceEquals(current, result)) Selection.Alias(result, current, length);
        NullFailedRows(result);
    }
}

/// <summary><c>cast(x, type)</c>: C#'s unchecked explicit conversions, element by element (never faults).</summary>
internal sealed class CastStep(int slot, ExprType type, ExprType from, int operand) : Step(slot, type)
{
    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var x = values[operand];
        var result = values[Slot];
        if (x.IsScalar)
        {
            result.SetScalar(Casts.Convert(x.Scalar, Type), length);
            return;
        }
        result.ResetArray(length);
        switch (from, Type)
        {
            case (ExprType.Int32, ExprType.Int64): Convert(x.Values<int>(), result.WritableValues<long>(), static v => v); break;
            case (ExprType.Int32, ExprType.Float32): Convert(x.Values<int>(), result.WritableValues<float>(), static v => v); break;
            case (ExprType.Int32, ExprType.Float64): Convert(x.Values<int>(), result.WritableValues<double>(), static v => v); break;
            case (ExprType.Int64, ExprType.Int32): Convert(x.Values<long>(), result.WritableValues<int>(), static v => unchecked((int)v)); break;
            case (ExprType.Int64, ExprType.Float32): Convert(x.Values<long>(), result.WritableValues<float>(), static v => v); break;
            case (ExprType.Int64, ExprType.Float64): Convert(x.Values<long>(), result.WritableValues<double>(), static v => v); break;
            case (ExprType.Float32, ExprType.Int32): Convert(x.Values<float>(), result.WritableValues<int>(), static v => (int)v); break;
            case (ExprType.Float32, ExprType.Int64): Convert(x.Values<float>(), result.WritableValues<long>(), static v => (long)v); break;
            case (ExprType.Float32, ExprType.Float64): Convert(x.Values<float>(), result.WritableValues<double>(), static v => v); break;
            case (ExprType.Float64, ExprType.Int32): Convert(x.Values<double>(), result.WritableValues<int>(), static v => (int)v); break;
            case (ExprType.Float64, ExprType.Int64): Convert(x.Values<double>(), result.WritableValues<long>(), static v => (long)v); break;
            case (ExprType.Float64, ExprType.Float32): Convert(x.Values<double>(), result.WritableValues<float>(), static v => (float)v); break;
            default: throw new ChalkInternalException($"cast from {from.Name()} to {Type.Name()} has no kernel");
        }
        result.Validity = x.Validity;
        result.Errors = x.Errors;
    }

    private static void Convert<TIn, TOut>(ReadOnlySpan<TIn> src, Span<TOut> dst, Func<TIn, TOut> f)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = f(src[i]);
    }
}
