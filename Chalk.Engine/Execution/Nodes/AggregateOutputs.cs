using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Lifting;
using Chalk.Planning.Logical;

namespace Chalk.Execution.Nodes;

/// <summary>Assembles an aggregate node's output: per aggregate a value column and an error-message column, in input row order.</summary>
internal static class AggregateOutputs
{
    public static RecordBatch Batch(IReadOnlyList<ColumnId> names, IReadOnlyList<IArrowArray> arrays, int rows)
        => new(new Schema(names.Select((n, i) => new Field(n.Name, arrays[i].Data.DataType, true)), null), arrays, rows);

    /// <summary>The feature type that holds the aggregate's values.</summary>
    public static Definitions.FeatureType FeatureTypeOf(AggregateExpr aggregate)
        => FeatureExprTypes.ToFeature(aggregate.Type)
            ?? throw new ChalkInternalException($"aggregate {aggregate} has type {aggregate.Type.Name()}, which no feature holds");

    /// <summary>The message column of an aggregate that failed on no row: a null-typed column, which costs no buffers.</summary>
    /// <remarks>Its only reader, <see cref="LiftedNode"/>, looks for failures in string columns only.</remarks>
    public static IArrowArray NoErrors(int rows) => new NullArray(rows);

    /// <summary>Row errors as a message column.</summary>
    public static IArrowArray Messages(IReadOnlyList<RowError> errors, int rows)
    {
        if (errors.Count == 0) return NoErrors(rows);
        var byRow = new string?[rows];
        foreach (var e in errors) byRow[e.Row] ??= e.Message;
        var builder = ArrowColumnBuilder.For(MessageType.ArrowType, rows);
        foreach (var m in byRow) builder.Append(m);
        return builder.Build();
    }

    /// <summary>The type of an error-message column.</summary>
    public static readonly Definitions.FeatureType MessageType = new(Definitions.ScalarKind.String, true);
}
