using Apache.Arrow;
using Chalk.Execution.Fallback;
using Chalk.Expressions;
using Chalk.Planning.Logical;
using Chalk.Resolvers;

namespace Chalk.Execution.Nodes;

/// <summary>The per-row fallback for a computed property: builds the object it reads, calls the compiled getter.</summary>
/// <remarks>A getter that throws leaves that row's value null and records a row error; the query goes on.</remarks>
internal sealed class ComputedFallbackNode : PhysicalNode
{
    public override bool FailsWhereInputsFail => true;

    public required ComputedPropertyDefinition Resolver { get; init; }

    public required ObjectMaterializer Materializer { get; init; }

    public required Func<object, DateTime, object?> Getter { get; init; }

    public override string Path => "fallback";

    /// <summary>Why the getter was not lifted, for explain.</summary>
    public string? NotLifted { get; init; }

    public override string Describe() => $"Fallback {Resolver.Name} per row, reads {Resolver.Reads}" + (NotLifted is null ? "" : $" (not lifted: {NotLifted})");

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        var bound = Materializer.Bind(new BatchView(input, children));
        // Only a windowed feature's method takes the query time.
        var asOf = Resolver.Feature.Window is null ? static _ => default : QueryTime.Of(input);
        var values = new object?[input.Length];
        var failures = new string?[input.Length];
        RowParallel.For(input.Length, context.MaxDegreeOfParallelism, context.CancellationToken, row =>
        {
            try
            {
                // A row whose object is missing (its lookup found nothing) has no value and no error.
                if (bound.Build(row) is { } obj) values[row] = Getter(obj, asOf(row));
            }
            catch (Exception ex)
            {
                failures[row] = $"{Resolver.Name} threw {ex.GetType().Name}: {ex.Message}";
            }
        });
        var builder = ArrowColumnBuilder.For(Resolver.Feature.Type!.ArrowType, input.Length);
        var errors = new List<FeatureError>();
        for (int row = 0; row < values.Length; row++)
        {
            builder.Append(values[row]);
            if (failures[row] is { } message) errors.Add(new FeatureError(Outputs[0].Name, row, message));
        }
        var array = builder.Build();
        var batch = new RecordBatch(new Schema([new Field(Outputs[0].Name, array.Data.DataType, true)], null), [array], input.Length);
        return Task.FromResult(new NodeOutput(batch, errors));
    }
}
