using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Compilation;

/// <summary>A function call: combines argument validity (for null-propagating functions), runs the kernel, then merges row errors.</summary>
internal sealed class CallStep : Step
{
    private readonly ScalarFunction _function;
    private readonly FunctionSignature _signature;
    private readonly int[] _argSlots;
    private readonly Kernel _kernel;
    private readonly ChunkValue[] _args;

    public CallStep(int slot, CallExpr call, int[] argSlots) : base(slot, call.Type)
    {
        _function = call.Function;
        _signature = call.Signature;
        _argSlots = argSlots;
        _kernel = _function.CreateKernel(_signature) ?? new RowKernel(_function, _signature);
        _args = new ChunkValue[argSlots.Length];
    }

    private CallStep(CallStep other) : base(other.Slot, other.Type)
    {
        _function = other._function;
        _signature = other._signature;
        _argSlots = other._argSlots;
        _kernel = other._kernel;
        _args = new ChunkValue[_argSlots.Length];
    }

    public Kernel Kernel => _kernel;

    public override Step ForEvaluation() => new CallStep(this);

    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var result = values[Slot];
        bool allScalar = true;
        for (int k = 0; k < _args.Length; k++)
        {
            _args[k] = values[_argSlots[k]];
            allScalar &= _args[k].IsScalar;
        }
        if (allScalar)
        {
            ExecuteScalar(result, length);
            return;
        }
        result.ResetArray(length);
        if (_function.NullHandling == NullHandling.Propagate)
        {
            ulong[]? validity = null;
            foreach (var a in _args) validity = Bitmaps.And(validity, a.EffectiveValidity, result.OwnedValidity, length);
            result.Validity = validity;
            if (validity is not null && Bitmaps.NoneSet(validity, length))
            {
                // None valid: skip the kernel (and any fault it could raise on garbage lanes).
                MakeAllNull(result);
                PropagateErrors(_args, result);
                return;
            }
        }
        _kernel.Execute(_args, result);
        PropagateErrors(_args, result);
        NullFailedRows(result);
    }

    private void ExecuteScalar(ChunkValue result, int length)
    {
        var boxed = new object?[_args.Length];
        bool anyNull = false;
        for (int k = 0; k < boxed.Length; k++)
        {
            boxed[k] = _args[k].Scalar;
            anyNull |= boxed[k] is null;
        }
        if (anyNull && _function.NullHandling == NullHandling.Propagate)
        {
            result.SetScalar(null, length);
            return;
        }
        try
        {
            result.SetScalar(_function.Invoke(boxed, _signature), length);
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException)
        {
            result.ResetArray(length);
            MakeAllNull(result);
            for (int row = 0; row < length; row++) result.SetError(row, e.Message);
        }
    }
}
