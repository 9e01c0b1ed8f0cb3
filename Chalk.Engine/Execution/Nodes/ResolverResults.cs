using System.Runtime.CompilerServices;
using Apache.Arrow;
using Chalk.Execution.Arrow;
using Chalk.Expressions;
using Chalk.Planning.Logical;
using Chalk.Resolvers;

namespace Chalk.Execution.Nodes;

/// <summary>What a method resolver returned for each row, and which rows failed, turned into output columns and row errors.</summary>
/// <remarks>Rows are written from many threads at once, each to its own slot.</remarks>
internal sealed class ResolverResults
{
    private readonly MethodResolverDefinition _resolver;
    private readonly IReadOnlyList<Func<object, object?>> _outputGetters;
    private readonly object?[][] _values;
    private readonly string?[] _failures;

    public ResolverResults(MethodResolverDefinition resolver, IReadOnlyList<Func<object, object?>> outputGetters, int rows)
    {
        _resolver = resolver;
        _outputGetters = outputGetters;
        _values = new object?[resolver.Outputs.Count][];
        for (int o = 0; o < _values.Length; o++) _values[o] = new object?[rows];
        _failures = new string?[rows];
    }

    /// <summary>The method's arguments for <paramref name="row"/>, or null when a parameter that cannot take null gets
    /// null there (its outputs stay null and no call is made).</summary>
    public object?[]? Arguments(IArrowArray[] columns, Definitions.ScalarKind[] kinds, int row, CancellationToken cancellation)
    {
        var arguments = _resolver.Arguments;
        var args = new object?[arguments.Count];
        for (int a = 0; a < args.Length; a++)
        {
            var arg = arguments[a];
            switch (arg.Kind)
            {
                case ResolverArgumentKind.Feature:
                    int i = arg.Feature;
                    args[a] = FeatureValues.Get(columns[i], row, kinds[i]);
                    if (args[a] is null && _resolver.RequiredParameters[i]) return null;
                    break;
                case ResolverArgumentKind.Service:
                    args[a] = arg.Service;
                    break;
                default:
                    args[a] = cancellation;
                    break;
            }
        }
        return args;
    }

    /// <summary>Spreads a returned value over the outputs of <paramref name="row"/>.</summary>
    public void Set(int row, object? result)
    {
        switch (_resolver.Shape)
        {
            case MethodOutputShape.Single:
                _values[0][row] = result;
                break;
            case MethodOutputShape.Tuple:
                var tuple = (ITuple)result!;
                for (int o = 0; o < _values.Length; o++) _values[o][row] = tuple[o];
                break;
            default:
                if (result is null) return;
                for (int o = 0; o < _values.Length; o++) _values[o][row] = _outputGetters[o](result);
                break;
        }
    }

    /// <summary>The single output's value at <paramref name="row"/> (for caching it).</summary>
    public object? Single(int row) => _values[0][row];

    /// <summary>The row error for a call that threw, e.g. <c>Review.Score threw InvalidOperationException: …</c>.</summary>
    public static string Threw(MethodResolverDefinition resolver, Exception ex) => $"{resolver.Name} threw {ex.GetType().Name}: {ex.Message}";

    /// <summary>Records that <paramref name="row"/> failed: its outputs stay null.</summary>
    public void Fail(int row, string message) => _failures[row] = message;

    /// <summary>Whether <paramref name="row"/> failed.</summary>
    public bool Failed(int row) => _failures[row] is not null;

    /// <summary>The output columns, named <paramref name="outputs"/>, and an error per output of each failed row.</summary>
    public NodeOutput ToOutput(IReadOnlyList<ColumnId> outputs)
    {
        int rows = _failures.Length;
        var arrays = new List<IArrowArray>();
        for (int o = 0; o < _values.Length; o++)
        {
            var builder = ArrowColumnBuilder.For(_resolver.Outputs[o].Type!.ArrowType, rows);
            foreach (var v in _values[o]) builder.Append(v);
            arrays.Add(builder.Build());
        }
        var errors = new List<FeatureError>();
        for (int row = 0; row < rows; row++)
        {
            if (_failures[row] is not { } message) continue;
            foreach (var column in outputs) errors.Add(new FeatureError(column.Name, row, message));
        }
        var batch = new RecordBatch(new Schema(outputs.Select((n, i) => new Field(n.Name, arrays[i].Data.DataType, true)), null), arrays, rows);
        return new NodeOutput(batch, errors);
    }
}
