using Apache.Arrow;
using Chalk.Expressions.Kernels;

namespace Chalk.Expressions.Compilation;

/// <summary>
/// A chain <c>if(c1, v1, if(c2, v2, … else))</c> over strings compiled into one step: each row takes the value of the
/// first condition that is true, and its bytes are written once instead of once per link of the chain. A value that
/// is a <c>concat</c> chain is not computed on its own: the row's pieces are written straight into the result, so
/// each concatenation is done only on the rows that take it.
/// </summary>
/// <remarks>
/// Exactly the nested ifs' semantics: a null condition counts as false, a row on which a condition it reaches fails
/// fails with that message, and only the taken value's error counts (for a concat, its leftmost failing operand's).
/// </remarks>
internal sealed class CaseStep : Step
{
    private readonly int[] _conditions;
    private readonly int[][] _values;
    private readonly bool[] _isConcat;
    private readonly int[] _firstOperand;
    private readonly ulong[] _open;
    private readonly ChunkValue[] _operands;
    private readonly int _capacity;

    /// <param name="slot">The result slot.</param>
    /// <param name="conditions">The conditions' slots, in order.</param>
    /// <param name="values">Per value (one more than conditions), its operands' slots: a concat's operands, or the value itself.</param>
    /// <param name="isConcat">Per value, whether it is a concatenation (never null) rather than a plain value.</param>
    /// <param name="capacity">The chunk capacity.</param>
    public CaseStep(int slot, int[] conditions, int[][] values, bool[] isConcat, int capacity) : base(slot, ExprType.Utf8)
    {
        _conditions = conditions;
        _values = values;
        _isConcat = isConcat;
        _capacity = capacity;
        _open = new ulong[ChunkValue.Words(capacity)];
        _firstOperand = new int[values.Length + 1];
        for (int k = 0; k < values.Length; k++) _firstOperand[k + 1] = _firstOperand[k] + values[k].Length;
        _operands = new ChunkValue[_firstOperand[^1]];
    }

    public override Step ForEvaluation() => new CaseStep(Slot, _conditions, _values, _isConcat, _capacity);

    public override void Execute(ChunkValue[] values, RecordBatch batch, int start, int length)
    {
        var result = values[Slot];
        result.ResetArray(length);
        var choice = result.Scratch(length);
        int words = ChunkValue.Words(length);
        Bitmaps.SetAll(_open, length);
        string?[]? conditionErrors = null;
        for (int k = 0; k < _conditions.Length; k++)
        {
            var c = values[_conditions[k]];
            if (c.Errors is not null)
            {
                // A failing condition decides its row (as an error) if the row is still open.
                for (int row = 0; row < length; row++)
                {
                    if ((_open[row >> 6] & (1UL << row)) == 0 || c.Errors[row] is not { } msg) continue;
                    (conditionErrors ??= new string?[_capacity])[row] = msg;
                    choice[row] = _values.Length - 1;
                    _open[row >> 6] &= ~(1UL << row);
                }
            }
            var bits = c.IsScalar ? null : c.Bits;
            var valid = c.IsScalar ? null : c.Validity;
            bool scalarTrue = c.IsScalar && c.Scalar is true;
            for (int w = 0; w < words; w++)
            {
                ulong take = _open[w] & (c.IsScalar ? (scalarTrue ? ulong.MaxValue : 0) : bits![w] & (valid?[w] ?? ulong.MaxValue));
                _open[w] &= ~take;
                for (; take != 0; take &= take - 1) choice[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(take)] = k;
            }
        }
        for (int w = 0; w < words; w++)
        {
            for (ulong rest = _open[w]; rest != 0; rest &= rest - 1) choice[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(rest)] = _values.Length - 1;
        }
        for (int k = 0, j = 0; k < _values.Length; k++)
        {
            foreach (int operand in _values[k]) _operands[j++] = values[operand];
        }
        Utf8Choice.Write(result, choice, _operands, _firstOperand, length);
        SetValidityAndErrors(result, choice, conditionErrors, length);
    }

    private void SetValidityAndErrors(ChunkValue result, ReadOnlySpan<int> choice, string?[]? conditionErrors, int length)
    {
        bool anyNullOrError = false;
        for (int k = 0; k < _values.Length; k++)
        {
            for (int j = _firstOperand[k]; j < _firstOperand[k + 1]; j++)
                anyNullOrError |= _operands[j].Errors is not null || (!_isConcat[k] && _operands[j].EffectiveValidity is not null);
        }
        if (anyNullOrError)
        {
            var validity = result.OwnedValidity;
            Bitmaps.ClearAll(validity, length);
            for (int row = 0; row < length; row++)
            {
                int k = choice[row];
                bool valid = true;
                for (int j = _firstOperand[k]; j < _firstOperand[k + 1]; j++)
                {
                    var x = _operands[j];
                    if (x.Errors?[row] is { } msg)
                    {
                        // A concat fails with its leftmost failing operand.
                        result.SetError(row, msg);
                        valid = false;
                        break;
                    }
                    if (!_isConcat[k] && x.EffectiveValidity is { } v && (v[row >> 6] & (1UL << row)) == 0) valid = false;
                }
                if (valid) validity[row >> 6] |= 1UL << row;
            }
            result.Validity = validity;
        }
        if (conditionErrors is not null)
        {
            for (int row = 0; row < length; row++)
            {
                if (conditionErrors[row] is not { } msg) continue;
                result.Errors ??= new string?[result.Capacity];
                result.Errors[row] = msg;
            }
        }
        NullFailedRows(result);
    }

    /// <summary>Whether a utf8 <c>if</c> compiles to a case: a chain of them, or a branch that is a concat chain.</summary>
    public static bool Applies(IfExpr e) => e.Type == ExprType.Utf8 && (e.Else is IfExpr || ConcatStep.IsConcat(e.Then) || ConcatStep.IsConcat(e.Else));

    /// <summary>Splits an else-chain of ifs into its conditions and values (the last value is the final else).</summary>
    public static (List<Expr> Conditions, List<Expr> Values) Chain(IfExpr e)
    {
        var conditions = new List<Expr>();
        var values = new List<Expr>();
        Expr current = e;
        while (current is IfExpr i)
        {
            conditions.Add(i.Condition);
            values.Add(i.Then);
            current = i.Else;
        }
        values.Add(current);
        return (conditions, values);
    }
}
