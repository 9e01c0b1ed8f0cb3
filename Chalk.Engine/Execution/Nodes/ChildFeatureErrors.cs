using Apache.Arrow;
using Chalk.Expressions;
using Chalk.Planning.Logical;

namespace Chalk.Execution.Nodes;

/// <summary>Child features that failed on some child rows (their resolver threw there), as read by in-engine aggregates.</summary>
/// <remarks>
/// Such a feature is null in its column where it failed, and the error is the child row's. LINQ would have thrown where
/// the aggregate's lambda read it, so an aggregate that skipped the null would report a value made up from the other
/// rows. Instead the aggregate reads <c>or_error(col, message)</c>: it fails exactly where LINQ evaluates the feature
/// (<c>Sum</c> on every row, <c>Any</c> up to the first match), with the child's message.
/// </remarks>
internal static class ChildFeatureErrors
{
    /// <summary>The rows with a message column per failed feature the aggregates read, and the aggregates reading it;
    /// the inputs unchanged when no such feature failed.</summary>
    public static (RecordBatch Rows, IReadOnlyList<AggregateExpr> Aggregates) Apply(RecordBatch rows, FrameState state, IReadOnlyList<AggregateExpr> aggregates)
    {
        if (state.Errors.IsEmpty) return (rows, aggregates);
        var read = rows.Schema.FieldsList.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var failed = state.Errors.Where(e => read.Contains(e.Feature)).GroupBy(e => e.Feature, StringComparer.Ordinal).ToList();
        if (failed.Count == 0) return (rows, aggregates);
        var fields = rows.Schema.FieldsList.ToList();
        var arrays = Enumerable.Range(0, rows.ColumnCount).Select(rows.Column).ToList();
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in failed)
        {
            var messages = new string?[rows.Length];
            foreach (var e in feature) messages[e.Row] ??= e.Message;
            var builder = new StringArray.Builder();
            foreach (var m in messages)
                if (m is null) builder.AppendNull(); else builder.Append(m);
            var name = ColumnId.ChildError(feature.Key).Name;
            arrays.Add(builder.Build());
            fields.Add(new Field(name, arrays[^1].Data.DataType, true));
            replacements[feature.Key] = name;
        }
        var batch = new RecordBatch(new Schema(fields, null), arrays, rows.Length);
        return (batch, aggregates.Select(a => Rewrite(a, replacements)).ToList());
    }

    private static AggregateExpr Rewrite(AggregateExpr a, Dictionary<string, string> replacements)
    {
        var memo = new Dictionary<Expr, Expr>();
        Expr? Visit(Expr? x)
        {
            if (x is null) return null;
            if (memo.TryGetValue(x, out var done)) return done;
            Expr result = x is ColumnExpr c && replacements.TryGetValue(c.Name, out var error)
                ? Expr.Call("or_error", c, Expr.Col(error, ExprType.Utf8, nullable: true))
                : x.WithChildren(x.Children.Select(ch => Visit(ch)!).ToList());
            memo[x] = result;
            return result;
        }
        return new AggregateExpr(a.Kind, a.Relation, a.Row, Visit(a.Value), Visit(a.Filter), Visit(a.Order), a.Descending, a.Distinct, a.FailOnEmpty,
            a.Type, a.Nullable);
    }
}
