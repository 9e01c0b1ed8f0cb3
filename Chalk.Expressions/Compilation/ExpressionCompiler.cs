using Apache.Arrow;
using Chalk.Expressions.Compilation;

namespace Chalk.Expressions;

/// <summary>Compiles a set of expressions into an executable form over a given input schema.</summary>
/// <remarks>
/// The set is simplified together, so a subexpression shared by several expressions (or repeated in
/// one) is computed once per chunk. Column names are resolved to indices and kernels are bound here;
/// nothing is looked up per batch.
/// </remarks>
public static class ExpressionCompiler
{
    /// <summary>The default number of rows evaluated per chunk, so intermediates stay in cache.</summary>
    public const int DefaultChunkSize = 2048;

    /// <summary>Compiles expressions against an input schema.</summary>
    /// <param name="expressions">The expressions (e.g. every feature a plan node computes).</param>
    /// <param name="input">The schema of the batches that will be evaluated.</param>
    /// <param name="chunkSize">Rows per chunk; a positive multiple of 64.</param>
    /// <returns>The compiled set.</returns>
    /// <exception cref="ArgumentException">A column is missing from the schema or has another type, or the chunk size is invalid.</exception>
    public static CompiledExpressions Compile(IReadOnlyList<Expr> expressions, Schema input, int chunkSize = DefaultChunkSize)
    {
        ArgumentNullException.ThrowIfNull(expressions);
        ArgumentNullException.ThrowIfNull(input);
        if (chunkSize <= 0 || chunkSize % 64 != 0)
            throw new ArgumentException($"chunk size must be a positive multiple of 64, got {chunkSize}.", nameof(chunkSize));
        var simplified = Simplifier.SimplifyAll(expressions);
        var slots = new Dictionary<Expr, int>();
        var steps = new List<Step>();
        var columns = new List<(int Index, ExprType Type)>();
        var roots = simplified.Select(e => Lower(e, input, slots, steps, columns, chunkSize)).ToArray();
        return new CompiledExpressions(simplified, steps.ToArray(), roots, columns.ToArray(), chunkSize);
    }

    private static int Lower(Expr e, Schema input, Dictionary<Expr, int> slots, List<Step> steps, List<(int, ExprType)> columns, int chunkSize)
    {
        if (slots.TryGetValue(e, out int existing)) return existing;
        if (ConcatStep.IsConcat(e))
        {
            // The whole chain is one step; its inner links get no slot unless something else uses them.
            var operands = ConcatStep.Operands((CallExpr)e).Select(o => Lower(o, input, slots, steps, columns, chunkSize)).ToArray();
            steps.Add(new ConcatStep(steps.Count, operands));
            slots[e] = steps.Count - 1;
            return steps.Count - 1;
        }
        if (e is IfExpr chain && CaseStep.Applies(chain))
        {
            // Strings: the else-chain writes each row once (see CaseStep); slots are lowered in the nested ifs' order.
            var (conditions, values) = CaseStep.Chain(chain);
            var conditionSlots = new int[conditions.Count];
            var valueSlots = new int[values.Count][];
            for (int k = 0; k < values.Count; k++)
            {
                if (k < conditions.Count) conditionSlots[k] = Lower(conditions[k], input, slots, steps, columns, chunkSize);
                var operands = ConcatStep.IsConcat(values[k]) ? ConcatStep.Operands((CallExpr)values[k]) : [values[k]];
                valueSlots[k] = operands.Select(o => Lower(o, input, slots, steps, columns, chunkSize)).ToArray();
            }
            bool[] isConcat = values.Select(ConcatStep.IsConcat).ToArray();
            steps.Add(new CaseStep(steps.Count, conditionSlots, valueSlots, isConcat, chunkSize));
            slots[e] = steps.Count - 1;
            return steps.Count - 1;
        }
        var children = e.Children.Select(c => Lower(c, input, slots, steps, columns, chunkSize)).ToArray();
        int slot = steps.Count;
        Step step = e switch
        {
            ColumnExpr c => new ColumnStep(slot, c.Type, ResolveColumn(c, input, columns)),
            LiteralExpr l => new LiteralStep(slot, l.Type, l.Value),
            ErrorExpr err => new ErrorStep(slot, err.Type, err.Message),
            CallExpr call => new CallStep(slot, call, children),
            IfExpr => new IfStep(slot, e.Type, children[0], children[1], children[2], chunkSize),
            IsNullExpr => new IsNullStep(slot, children[0]),
            CoalesceExpr => new CoalesceStep(slot, e.Type, children, chunkSize),
            CastExpr cast => new CastStep(slot, cast.Type, cast.Operand.Type, children[0]),
            AggregateExpr agg => throw new ChalkInternalException($"compiler: the aggregate {agg} must be replaced by its column before compiling"),
            _ => throw new ChalkInternalException($"compiler: unknown node {e.GetType().Name}"),
        };
        steps.Add(step);
        slots[e] = slot;
        return slot;
    }

    private static int ResolveColumn(ColumnExpr c, Schema input, List<(int Index, ExprType Type)> columns)
    {
        int index = SchemaFields.IndexOf(input, c.Name);
        if (index < 0)
            throw new ArgumentException($"column '{c.Name}' is not in the input schema; columns: {string.Join(", ", input.FieldsList.Select(f => f.Name))}.", nameof(input));
        var field = input.GetFieldByIndex(index);
        if (!ExprTypes.TryFromArrow(field.DataType, out var t) || t != c.Type)
            throw new ArgumentException($"column '{c.Name}' is {field.DataType.Name} in the input schema but {c.Type.Name()} in the expression.", nameof(input));
        columns.Add((index, t));
        return index;
    }
}
