using Apache.Arrow;
using Chalk.Execution.Fallback;
using Chalk.Planning.Logical;
using Chalk.Resolvers;

namespace Chalk.Execution.Nodes;

/// <summary>The per-row fallback for a <see cref="ResolverAttribute"/> method: reads its arguments, calls the compiled method.</summary>
/// <remarks>
/// A row whose non-nullable argument is null (a missing related row) gets null outputs without calling the method.
/// A method that throws leaves that row's outputs null and records a row error; the query goes on.
/// </remarks>
internal sealed class MethodFallbackNode : PhysicalNode
{
    public override bool FailsWhereInputsFail => true;

    public required MethodResolverDefinition Resolver { get; init; }

    public required Func<object?[], object?> Invoke { get; init; }

    /// <summary>For <see cref="MethodOutputShape.Instance"/>: a getter per output.</summary>
    public IReadOnlyList<Func<object, object?>> OutputGetters { get; init; } = [];

    public override string Path => "fallback";

    /// <summary>Why the method was not lifted, for explain.</summary>
    public string? NotLifted { get; init; }

    public override string Describe() => $"Fallback {Resolver.Name}({string.Join(", ", Inputs)}) per row" + (NotLifted is null ? "" : $" (not lifted: {NotLifted})");

    public override Task<NodeOutput> ExecuteAsync(RecordBatch input, IReadOnlyDictionary<ColumnId, ChildFrame> children, QueryContext context)
    {
        var kinds = Resolver.Parameters.Select(p => p.Feature.Type!.Kind).ToArray();
        var columns = Enumerable.Range(0, input.ColumnCount).Select(input.Column).ToArray();
        var results = new ResolverResults(Resolver, OutputGetters, input.Length);
        RowParallel.For(input.Length, context.MaxDegreeOfParallelism, context.CancellationToken, row =>
        {
            if (results.Arguments(columns, kinds, row, context.CancellationToken) is not { } args) return;
            try
            {
                results.Set(row, Invoke(args));
            }
            catch (Exception ex)
            {
                results.Fail(row, ResolverResults.Threw(Resolver, ex));
            }
        });
        return Task.FromResult(results.ToOutput(Outputs));
    }
}
