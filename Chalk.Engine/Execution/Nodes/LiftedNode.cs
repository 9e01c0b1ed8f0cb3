using Apache.Arrow;
using Chalk.Execution.Arrow;
using Chalk.Expressions;
using Chalk.Lifting;
using Chalk.Planning.Logical;
using Chalk.Resolvers;

namespace Chalk.Execution.Nodes;

/// <summary>A C# resolver or computed property lifted into the IR: evaluated over the whole batch by vectorized kernels.</summary>
/// <remarks>
/// Rows whose required inputs are null (a lookup found no row, so the object the code reads does not exist) get
/// null and no error, as on the per-row fallback. Other failing rows (a throw, a division by zero) get null and a
/// row error with .NET's message.
/// </remarks>
internal sealed class LiftedNode : PhysicalNode
{
    public override bool FailsWhereInputsFail => true;

    public required ResolverDefinition Resolver { get; init; }

    public required LiftOutcome Lift { get; init; }

    public required CompiledExpressions Compiled { get; init; }

    /// <summary>The input batch's schema as the compiled expression expects it (the expression's column names).</summary>
    public required Schema CompiledSchema { get; init; }

    /// <summary>Indices of inputs that must be non-null for the row to be computed.</summary>
    public required IReadOnlyList<int> Required { get; init; }

    /// <summary>Indices of inputs holding an aggregate's row errors: a row with one fails with that message, as the
    /// getter would have thrown there.</summary>
    public IReadOnlyList<int> ErrorInputs { get; init; } = [];

    /// <summary>Indices of inputs holding an aggregate's row errors that the expression itself reads (through
    /// <c>or_error</c>, where the aggregate is read only in a branch): given as string columns even when no row failed.</summary>
    public IReadOnlyList<int> MessageInputs { get; init; } = [];

    /// <summary>The input the expression merely reads (e.g. a pushed-down aggregate's column), or null: that column is
    /// the output as it is, without evaluating a copy of it.</summary>
    public int? PassThrough { get; init; }

    /// <summary>With <see cref="PassThrough"/>: conditions that fail the row when true (<c>if(c, error, column)</c>);
    /// the column passes through only when none holds on any row, else the whole body is evaluated.</summary>
    public CompiledExpressions? Guards { get; init; }

    public override bool ComputesInProcess => true;

    public override string Path => "lifted";

    public override string Describe() => $"Lifted {Resolver.Name} (gas {Lift.Gas}): {Lift.Expression}";

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        var arrays = Enumerable.Range(0, input.ColumnCount).Select(input.Column).ToList();
        foreach (var i in MessageInputs)
        {
            if (arrays[i] is NullArray) arrays[i] = ArrowScatter.AllNull(AggregateOutputs.MessageType, input.Length);
        }
        var renamed = new RecordBatch(CompiledSchema, arrays, input.Length);
        IArrowArray values;
        IReadOnlyList<RowError> rowErrors = [];
        if (PassThrough is { } column && ArrowGather.SameArrowType(arrays[column].Data.DataType, CompiledSchema.FieldsList[column].DataType)
            && (Guards is null || NoGuardHolds(Guards.Evaluate(renamed))))
        {
            values = arrays[column];
        }
        else
        {
            var result = Compiled.Evaluate(renamed);
            values = result.GetArray(0);
            rowErrors = result.RowErrors[0];
        }
        var skip = SkippedRows(arrays, input.Length);
        var errors = new List<FeatureError>();
        var failed = AggregateFailures(arrays, input.Length);
        foreach (var (row, message) in failed)
        {
            skip ??= new bool[input.Length];
            if (skip[row]) continue;
            skip[row] = true;
            errors.Add(new FeatureError(Outputs[0].Name, row, $"{Resolver.Name} failed: {message}"));
        }
        foreach (var e in rowErrors)
        {
            if (skip is null || !skip[e.Row]) errors.Add(new FeatureError(Outputs[0].Name, e.Row, $"{Resolver.Name} failed: {e.Message}"));
        }
        if (skip is not null)
        {
            var pick = new int[input.Length];
            for (int i = 0; i < pick.Length; i++) pick[i] = skip[i] ? -1 : i;
            values = ArrowTake.Take(values, pick, Resolver.Outputs[0].Type!);
        }
        var batch = new RecordBatch(new Schema([new Field(Outputs[0].Name, values.Data.DataType, true)], null), [values], input.Length);
        return Task.FromResult(new NodeOutput(batch, errors));
    }

    private static bool NoGuardHolds(EvaluationBatchResult guards)
    {
        for (int g = 0; g < guards.RowErrors.Count; g++)
        {
            if (guards.RowErrors[g].Count > 0 || guards.GetArray(g) is not BooleanArray holds) return false;
            for (int r = 0; r < holds.Length; r++)
            {
                if (holds.GetValue(r) == true) return false;
            }
        }
        return true;
    }

    private List<(int Row, string Message)> AggregateFailures(List<IArrowArray> arrays, int length)
    {
        var failed = new List<(int, string)>();
        foreach (var i in ErrorInputs)
        {
            if (arrays[i] is not StringArray messages || messages.NullCount == length) continue;
            for (int r = 0; r < length; r++)
            {
                if (!messages.IsNull(r)) failed.Add((r, messages.GetString(r)));
            }
        }
        return failed;
    }

    private bool[]? SkippedRows(List<IArrowArray> arrays, int length)
    {
        bool[]? skip = null;
        foreach (var i in Required)
        {
            var a = arrays[i];
            if (a.NullCount == 0) continue;
            skip ??= new bool[length];
            for (int r = 0; r < length; r++) skip[r] |= a.IsNull(r);
        }
        return skip;
    }
}
