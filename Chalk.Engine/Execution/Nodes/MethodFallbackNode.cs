using System.Runtime.CompilerServices;
using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution.Arrow;
using Chalk.Execution.Fallback;
using Chalk.Resolvers;

namespace Chalk.Execution.Nodes;

/// <summary>The per-row fallback for a <see cref="ResolverAttribute"/> method: reads its arguments, calls the compiled method.</summary>
/// <remarks>
/// A row whose non-nullable argument is null (a missing related row) gets null outputs without calling the method.
/// A method that throws leaves that row's outputs null and records a row error; the query goes on.
/// </remarks>
internal sealed class MethodFallbackNode : PhysicalNode
{
    public required MethodResolverDefinition Resolver { get; init; }

    public required Func<object?[], object?> Invoke { get; init; }

    /// <summary>For <see cref="MethodOutputShape.Instance"/>: a getter per output.</summary>
    public IReadOnlyList<Func<object, object?>> OutputGetters { get; init; } = [];

    public override string Path => "fallback";

    /// <summary>Why the method was not lifted, for explain.</summary>
    public string? NotLifted { get; init; }

    public override string Describe() => $"Fallback {Resolver.Name}({string.Join(", ", Inputs)}) per row" + (NotLifted is null ? "" : $" (not lifted: {NotLifted})");

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<string, ChildFrame> children, QueryContext context)
    {
        var kinds = Resolver.Parameters.Select(p => p.Feature.Type!.Kind).ToArray();
        var required = Resolver.RequiredParameters;
        var columns = Enumerable.Range(0, input.ColumnCount).Select(input.Column).ToArray();
        int outputs = Resolver.Outputs.Count;
        var values = new object?[outputs][];
        for (int o = 0; o < outputs; o++) values[o] = new object?[input.Length];
        var failures = new string?[input.Length];
        RowParallel.For(input.Length, context.MaxDegreeOfParallelism, context.CancellationToken, row =>
        {
            var args = new object?[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                args[i] = FeatureValues.Get(columns[i], row, kinds[i]);
                if (args[i] is null && required[i]) return;
            }
            try
            {
                Scatter(Invoke(args), values, row);
            }
            catch (Exception ex)
            {
                failures[row] = $"{Resolver.Name} threw {ex.GetType().Name}: {ex.Message}";
            }
        });
        var arrays = new List<IArrowArray>();
        for (int o = 0; o < outputs; o++)
        {
            var builder = new FeatureColumnBuilder(Resolver.Outputs[o].Type!, input.Length);
            foreach (var v in values[o]) builder.Append(v);
            arrays.Add(builder.Build());
        }
        var errors = new List<FeatureError>();
        for (int row = 0; row < failures.Length; row++)
        {
            if (failures[row] is not { } message) continue;
            foreach (var name in Outputs) errors.Add(new FeatureError(name, row, message));
        }
        var batch = new RecordBatch(new Schema(Outputs.Select((n, i) => new Field(n, arrays[i].Data.DataType, true)), null), arrays, input.Length);
        return Task.FromResult(new NodeOutput(batch, errors));
    }

    private void Scatter(object? result, object?[][] values, int row)
    {
        switch (Resolver.Shape)
        {
            case MethodOutputShape.Single:
                values[0][row] = result;
                break;
            case MethodOutputShape.Tuple:
                var tuple = (ITuple)result!;
                for (int o = 0; o < values.Length; o++) values[o][row] = tuple[o];
                break;
            default:
                if (result is null) return;
                for (int o = 0; o < values.Length; o++) values[o][row] = OutputGetters[o](result);
                break;
        }
    }
}
