namespace Chalk.Expressions.Kernels;

/// <summary><c>&amp;</c> / <c>|</c> on <c>bool?</c>, 64 rows per step: a definite false (and) or true (or) wins over null.</summary>
internal sealed class AndOrKernel(bool isAnd) : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var a = args[0].BitsOrBroadcast();
        var b = args[1].BitsOrBroadcast();
        var va = args[0].EffectiveValidity;
        var vb = args[1].EffectiveValidity;
        var bits = result.Bits;
        int words = ChunkValue.Words(result.Length);
        if (va is null && vb is null)
        {
            for (int w = 0; w < words; w++) bits[w] = isAnd ? a[w] & b[w] : a[w] | b[w];
            result.Validity = null;
        }
        else
        {
            var validity = result.OwnedValidity;
            for (int w = 0; w < words; w++)
            {
                ulong ma = va?[w] ?? ulong.MaxValue;
                ulong mb = vb?[w] ?? ulong.MaxValue;
                ulong aTrue = a[w] & ma, aFalse = ~a[w] & ma;
                ulong bTrue = b[w] & mb, bFalse = ~b[w] & mb;
                ulong t = isAnd ? aTrue & bTrue : aTrue | bTrue;
                ulong f = isAnd ? aFalse | bFalse : aFalse & bFalse;
                bits[w] = t;
                validity[w] = t | f;
            }
            result.Validity = validity;
        }
        if (words > 0)
        {
            bits[words - 1] &= Bitmaps.TailMask(result.Length);
            if (result.Validity is not null) result.Validity[words - 1] &= Bitmaps.TailMask(result.Length);
        }
    }
}

/// <summary><c>^</c> on bools (validity already combined by the caller).</summary>
internal sealed class XorKernel : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var a = args[0].BitsOrBroadcast();
        var b = args[1].BitsOrBroadcast();
        int words = ChunkValue.Words(result.Length);
        for (int w = 0; w < words; w++) result.Bits[w] = a[w] ^ b[w];
        if (words > 0) result.Bits[words - 1] &= Bitmaps.TailMask(result.Length);
    }
}

/// <summary><c>!</c> on bools.</summary>
internal sealed class NotKernel : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var a = args[0].BitsOrBroadcast();
        int words = ChunkValue.Words(result.Length);
        for (int w = 0; w < words; w++) result.Bits[w] = ~a[w];
        if (words > 0) result.Bits[words - 1] &= Bitmaps.TailMask(result.Length);
    }
}

/// <summary><c>==</c> / <c>!=</c> on bools with lifted null rules.</summary>
internal sealed class BoolEqualityKernel(bool equal) : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var a = args[0].BitsOrBroadcast();
        var b = args[1].BitsOrBroadcast();
        int words = ChunkValue.Words(result.Length);
        for (int w = 0; w < words; w++) result.Bits[w] = equal ? ~(a[w] ^ b[w]) : a[w] ^ b[w];
        if (words > 0) result.Bits[words - 1] &= Bitmaps.TailMask(result.Length);
        LiftedCompare.ApplyNulls(result.Bits, args[0].EffectiveValidity, args[1].EffectiveValidity, equal ? CompareNulls.Equal : CompareNulls.NotEqual, result.Length);
        result.Validity = null;
    }
}

/// <summary>Runs a function's boxed reference implementation per row: the fallback for functions without a batch kernel.</summary>
internal sealed class RowKernel(ScalarFunction function, FunctionSignature signature) : Kernel
{
    public override void Execute(ChunkValue[] args, ChunkValue result)
    {
        var writer = new BoxedWriter(result);
        var boxed = new object?[args.Length];
        bool propagate = function.NullHandling == NullHandling.Propagate;
        for (int row = 0; row < result.Length; row++)
        {
            bool anyNull = false;
            for (int k = 0; k < args.Length; k++)
            {
                boxed[k] = BoxedValues.Get(args[k], row);
                anyNull |= boxed[k] is null;
            }
            if (propagate && anyNull)
            {
                writer.Set(row, null);
                continue;
            }
            object? value;
            try
            {
                value = function.Invoke(boxed, signature);
            }
            catch (ArithmeticException e)
            {
                result.SetError(row, e.Message);
                value = null;
            }
            catch (ArgumentException e)
            {
                result.SetError(row, e.Message);
                value = null;
            }
            writer.Set(row, value);
        }
        writer.Finish();
    }
}
