using Apache.Arrow;
using Chalk.Definitions;
using Chalk.Execution;
using Chalk.Execution.Nodes;
using Chalk.Expressions;
using Chalk.Lifting;
using Chalk.Planning.Logical;
using Chalk.Resolvers;

namespace Chalk.Planning.Physical;

/// <summary>Builds the operator for a lifted C# body: its inputs renamed to the expression's columns, compiled once.</summary>
internal static class LiftedNodes
{
    public static LiftedNode Create(LogicalResolve step, LiftOutcome lift, IReadOnlySet<ColumnId> writes)
    {
        var r = step.Resolver;
        var inputs = new List<ColumnId>();
        var fields = new List<Field>();
        var required = new List<int>();
        for (int i = 0; i < r.Inputs.Count; i++)
        {
            var path = r.Inputs[i];
            if (!path.IsSingleValued || path.Feature.Kind != FeatureKind.Scalar) continue;
            // One input per name the body reads: two parameters bound to one feature read the same column twice.
            if (fields.Any(f => f.Name == lift.InputNames[i])) continue;
            if (IsRequired(r, i, path)) required.Add(inputs.Count);
            inputs.Add(step.Node.Column(path));
            fields.Add(new Field(lift.InputNames[i], path.Feature.Type!.ArrowType, true));
        }
        var expression = lift.Expression!;
        var errorInputs = new List<int>();
        var messageInputs = new List<int>();
        if (step.Aggregates.Count > 0)
        {
            var conditional = AggregateNodes.OnlyInBranches(expression);
            var replacements = new Dictionary<AggregateExpr, Expr>();
            foreach (var (aggregate, columns) in step.Aggregates)
            {
                inputs.Add(columns.Value);
                fields.Add(new Field(columns.Value.Name, aggregate.Type.ToArrow(), true));
                var value = Expr.Col(columns.Value.Name, aggregate.Type, nullable: true);
                // An aggregate the body reads on every row fails the row wherever it failed; one read only in a branch
                // of if/coalesce fails it only where that branch is taken, so its message goes into the expression.
                if (conditional.Contains(aggregate))
                {
                    messageInputs.Add(inputs.Count);
                    replacements[aggregate] = Expr.Call("or_error", value, Expr.Col(columns.Error.Name, ExprType.Utf8, nullable: true));
                }
                else
                {
                    errorInputs.Add(inputs.Count);
                    replacements[aggregate] = value;
                }
                inputs.Add(columns.Error);
                fields.Add(new Field(columns.Error.Name, Apache.Arrow.Types.StringType.Default, true));
            }
            expression = AggregateNodes.Substitute(expression, replacements);
        }
        if (ReadsQueryTime(expression))
        {
            inputs.Add(ColumnId.QueryTime);
            fields.Add(new Field(QueryTime.Column, QueryTime.Type.ArrowType, true));
        }
        var schema = new Schema(fields, null);
        var (guards, read) = GuardedRead(expression);
        int passThrough = read is null ? -1 : fields.FindIndex(f => f.Name == read.Name);
        return new LiftedNode
        {
            Inputs = inputs,
            Outputs = [step.Node.Column(r.Outputs[0])],
            Writes = writes,
            Resolver = r,
            Lift = lift,
            Compiled = ExpressionCompiler.Compile([expression], schema),
            ErrorInputs = errorInputs,
            MessageInputs = messageInputs,
            CompiledSchema = schema,
            PassThrough = passThrough >= 0 ? passThrough : null,
            Guards = passThrough >= 0 && guards.Count > 0 ? ExpressionCompiler.Compile(guards, schema) : null,
            Required = required,
        };
    }

    // A body that reads one column behind guards that fail the row, if(c1, error, if(c2, error, col)): what checked
    // arithmetic lifts to (a window start that could leave DateTime's range). When no guard holds on any row the
    // column is the result as it is.
    private static (List<Expr> Guards, ColumnExpr? Read) GuardedRead(Expr e)
    {
        var guards = new List<Expr>();
        while (e is IfExpr { Then: ErrorExpr } guarded)
        {
            guards.Add(guarded.Condition);
            e = guarded.Else;
        }
        return (guards, e as ColumnExpr);
    }

    private static bool ReadsQueryTime(Expr e) => e is ColumnExpr { Name: QueryTime.Column } || e.Children.Any(ReadsQueryTime);

    /// <summary>Whether a null in input <paramref name="index"/> makes the output null without evaluating the body: the
    /// same rows the per-row fallback skips, a null non-nullable value-type argument, or a null non-nullable feature of
    /// the object itself (its row was not found).</summary>
    internal static bool IsRequired(ResolverDefinition r, int index, FeaturePath path) => r switch
    {
        MethodResolverDefinition m => m.RequiredParameters[index],
        _ => path.Steps.Count == 1 && !path.Feature.Type!.IsNullable,
    };
}
