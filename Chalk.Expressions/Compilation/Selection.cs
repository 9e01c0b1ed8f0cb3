using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Compilation;

/// <summary>Row selection between two values by a bitmap: values, validity and row errors.</summary>
internal static class Selection
{
    /// <summary>dst = take ? a : b per row; <paramref name="dst"/> must be distinct from both.</summary>
    public static void SelectInto(ChunkValue dst, ulong[] take, ChunkValue a, ChunkValue b, int length)
    {
        dst.ResetArray(length);
        int words = ChunkValue.Words(length);
        switch (dst.Type)
        {
            case ExprType.Bool:
            {
                var x = a.BitsOrBroadcast();
                var y = b.BitsOrBroadcast();
                for (int w = 0; w < words; w++) dst.Bits[w] = (take[w] & x[w]) | (~take[w] & y[w]);
                break;
            }
            case ExprType.Utf8:
                Utf8Output.Select(dst, take, a, b, length);
                break;
            case ExprType.Int32 or ExprType.Float32:
                VectorLoops.Select(take, a.ValuesOrBroadcast<int>(), b.ValuesOrBroadcast<int>(), dst.WritableValues<int>());
                break;
            default:
                VectorLoops.Select(take, a.ValuesOrBroadcast<long>(), b.ValuesOrBroadcast<long>(), dst.WritableValues<long>());
                break;
        }
        var va = a.EffectiveValidity;
        var vb = b.EffectiveValidity;
        if (va is null && vb is null)
        {
            dst.Validity = null;
        }
        else
        {
            var v = dst.OwnedValidity;
            for (int w = 0; w < words; w++) v[w] = (take[w] & (va?[w] ?? ulong.MaxValue)) | (~take[w] & (vb?[w] ?? ulong.MaxValue));
            if (words > 0) v[words - 1] &= Bitmaps.TailMask(length);
            dst.Validity = v;
        }
        if (a.Errors is not null || b.Errors is not null)
        {
            for (int row = 0; row < length; row++)
            {
                var msg = (take[row >> 6] & (1UL << row)) != 0 ? a.Errors?[row] : b.Errors?[row];
                if (msg is not null) dst.SetError(row, msg);
            }
        }
    }

    /// <summary>Makes <paramref name="dst"/> a view of <paramref name="src"/> (bool bits are copied; buffers shared).</summary>
    public static void Alias(ChunkValue dst, ChunkValue src, int length)
    {
        if (src.IsScalar)
        {
            dst.SetScalar(src.Scalar, length);
            return;
        }
        dst.ResetArray(length);
        if (dst.Type == ExprType.Bool) Array.Copy(src.Bits, dst.Bits, ChunkValue.Words(length));
        dst.Data = src.Data;
        dst.OffsetBytes = src.OffsetBytes;
        dst.StringData = src.StringData;
        dst.Validity = src.Validity;
        dst.Errors = src.Errors;
    }
}
