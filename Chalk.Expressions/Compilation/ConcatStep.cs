using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Compilation;

/// <summary>
/// A chain of <c>concat</c> calls compiled into one step over all its operands (<c>concat(concat(a, b), c)</c> reads
/// <c>a</c>, <c>b</c>, <c>c</c>), so the links in between are never materialized.
/// </summary>
/// <remarks>
/// Concatenation is associative and a null operand counts as empty, so the flattened form gives the same string;
/// the leftmost failing operand's error wins, as it would link by link.
/// </remarks>
internal sealed class ConcatStep : Step
{
    private readonly int[] _operandSlots;
    private readonly ChunkValue[] _args;
    private readonly ConcatKernel _kernel = new();

    public ConcatStep(int slot, int[] operandSlots) : base(slot, ExprType.Utf8)
    {
        _operandSlots = operandSlots;
        _args = new ChunkValue[operandSlots.Length];
    }

    public override Step ForEvaluation() => new ConcatStep(Slot, _operandSlots);

    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var result = values[Slot];
        bool allScalar = true;
        for (int k = 0; k < _args.Length; k++)
        {
            _args[k] = values[_operandSlots[k]];
            allScalar &= _args[k].IsScalar;
        }
        if (allScalar)
        {
            var parts = new string?[_args.Length];
            for (int k = 0; k < parts.Length; k++) parts[k] = (string?)_args[k].Scalar;
            result.SetScalar(string.Concat(parts), length);
            return;
        }
        result.ResetArray(length);
        _kernel.Execute(_args, result);
        PropagateErrors(_args, result);
        NullFailedRows(result);
    }

    /// <summary>The operands of the chain rooted at <paramref name="call"/>, left to right, with adjacent literals joined.</summary>
    public static List<Expr> Operands(CallExpr call)
    {
        var operands = new List<Expr>();
        Flatten(call, operands);
        return operands;
    }

    private static void Flatten(Expr e, List<Expr> operands)
    {
        if (IsConcat(e))
        {
            foreach (var c in e.Children) Flatten(c, operands);
            return;
        }
        if (e is LiteralExpr lit && operands.Count > 0 && operands[^1] is LiteralExpr previous)
        {
            operands[^1] = Expr.Lit(string.Concat((string?)previous.Value, (string?)lit.Value));
            return;
        }
        operands.Add(e);
    }

    /// <summary>True for a call of the built-in <c>concat</c>.</summary>
    public static bool IsConcat(Expr e) => e is CallExpr { Function: Functions.ConcatFunction };
}
