using Chalk.Definitions;
using Chalk.Expressions;
using Chalk.Lifting;
using Chalk.Planning.Physical;
using Chalk.Resolvers;

namespace Chalk.Planning.Logical;

/// <summary>Replaces, in a has-many aggregate's child expressions, each child feature that a lifted C# body computes by
/// that body's expression over the child SQL file's columns, so the aggregate can be pushed down instead of fetching
/// every child row to compute the feature in the engine.</summary>
/// <remarks>
/// A feature is inlined only where the result is exactly what the child plan would compute (docs/aggregations.md,
/// "Computed child features"): the resolver the child plan would pick is a lifted C# body; every input it reads is a
/// column the has-many's SQL file selects, or a feature inlined the same way; its expression cannot fail on any row (a
/// failing child row is reported on the child feature in the engine, which a pushed-down aggregate cannot do); and its
/// types are the features'. A required (non-nullable) parameter that is null makes the value null without evaluating
/// the body, as <c>LiftedNode</c> does: the inlined form is <c>if(is_null(p1) or …, null, body)</c>.
/// Whether the dialect has a faithful SQL form for every node is the pushdown's own check, made afterwards on the
/// rewritten aggregate.
/// </remarks>
internal sealed class ChildResolverInlining
{
    // Inlining follows computed inputs recursively; a chain this deep is not worth a statement nobody can read.
    private const int MaxDepth = 8;

    private readonly EngineDefinitions _definitions;
    private readonly SqlResolverDefinition _fetch;
    private readonly FeatureClassDefinition _child;
    private readonly Func<ResolverDefinition, bool> _serves;
    private readonly Dictionary<string, Inlined> _done = new(StringComparer.Ordinal);

    private ChildResolverInlining(EngineDefinitions definitions, SqlResolverDefinition fetch, FeatureClassDefinition child, Func<ResolverDefinition, bool> serves)
    {
        _definitions = definitions;
        _fetch = fetch;
        _child = child;
        _serves = serves;
    }

    /// <summary>The aggregate with every inlinable computed child feature replaced by its resolver's expression, the
    /// features inlined, and why each other computed child feature it reads is not.</summary>
    /// <param name="aggregate">An aggregate over <paramref name="relation"/> without nested aggregates.</param>
    /// <param name="fetch">The table-shaped SQL file the pushdown reads the child rows from.</param>
    /// <param name="relation">The has-many relation.</param>
    /// <param name="definitions">The engine's resolvers and lifts.</param>
    /// <param name="serves">Whether a resolver may serve this query (the planner's own test, so the choice is the child plan's).</param>
    public static InliningResult Apply(AggregateExpr aggregate, SqlResolverDefinition fetch, FeatureDefinition relation, EngineDefinitions definitions,
        Func<ResolverDefinition, bool> serves)
    {
        var inlining = new ChildResolverInlining(definitions, fetch, relation.Target!, serves);
        var notInlined = new Dictionary<string, string>(StringComparer.Ordinal);
        var inlined = new List<InlinedFeature>();
        Expr? Rewrite(Expr? e) => e is null ? null : ExprColumns.Replace(e, c =>
        {
            if (c.Name == AggregateExpr.AsOfColumn || AggregatePushdown.ColumnOf(fetch, c.Name) is not null) return null;
            var result = inlining.Column(c.Name, 0);
            if (result.Reason is null && result.Expression!.Type != c.Type)
                result = Inlined.No($"the aggregate reads it as {c.Type.Name()}, but it is computed as {result.Expression.Type.Name()}");
            if (result.Reason is not null)
            {
                notInlined.TryAdd(c.Name, result.Reason);
                return null;
            }
            foreach (var f in result.Features.Where(f => !inlined.Contains(f))) inlined.Add(f);
            return result.Expression;
        });
        var rewritten = new AggregateExpr(aggregate.Kind, aggregate.Relation, aggregate.Row, Rewrite(aggregate.Value), Rewrite(aggregate.Filter),
            Rewrite(aggregate.Order), aggregate.Descending, aggregate.Distinct, aggregate.FailOnEmpty, aggregate.Type, aggregate.Nullable);
        return new InliningResult(inlined.Count == 0 ? aggregate : rewritten, inlined, notInlined);
    }

    /// <summary>The expression computing computed child column <paramref name="column"/> from the fetch's columns, or why there is none.</summary>
    private Inlined Column(string column, int depth)
    {
        if (_done.TryGetValue(column, out var done)) return done;
        var result = depth >= MaxDepth ? Inlined.No($"inlining goes more than {MaxDepth} computed features deep") : Resolve(column, depth);
        _done[column] = result;
        return result;
    }

    private Inlined Resolve(string column, int depth)
    {
        if (_definitions.Registry.TryResolve(column, out var error) is not { } path)
            return Inlined.No($"it names no feature: {error}");
        var feature = path.Feature;
        if (path.Steps.Count != 1 || feature.Owner != _child || feature.Kind != FeatureKind.Scalar)
            return Inlined.No($"it is not a value of a {_child.Name} row");
        if (feature.Window is not null)
            return Inlined.No("it is a windowed feature");
        if (_fetch.Columns.Any(c => c.Feature == feature))
            return Inlined.No($"{_fetch.Name} selects it although it is computed");
        var resolver = _definitions.ResolversOf(feature).FirstOrDefault(_serves);
        if (resolver is null) return Inlined.No("no resolver computes it");
        string by = $"{resolver.Name} computes it";
        if (resolver is not (MethodResolverDefinition { IsAsync: false, Shape: MethodOutputShape.Single } or ComputedPropertyDefinition))
            return Inlined.No($"{by}, which is not a lifted C# body");
        if (!_definitions.Lifts.TryGetValue(resolver, out var lift) || !lift.Lifted)
            return Inlined.No($"{by}, which is not lifted ({lift?.Reason ?? "no lift"})");
        var body = lift.Expression!;
        if (AggregateNodes.In(body).Count > 0)
            return Inlined.No($"{by} from a relation of its own");
        if (CanFail(body))
            return Inlined.No($"{by}, whose lifted body can fail on a row (a throw, checked arithmetic, a division by zero…), and a failing " +
                $"{_child.Name} row fails {feature.Path} alone, which a pushed-down aggregate cannot express");
        if (FeatureExprTypes.Of(feature.Type!) != body.Type)
            return Inlined.No($"{by} as {body.Type.Name()}, but {feature.Path} is {feature.Type}");

        var reads = ExprColumns.Of(body).ToDictionary(c => c.Name, StringComparer.Ordinal);
        var replacements = new Dictionary<string, Expr>(StringComparer.Ordinal);
        var required = new List<Expr>();
        var features = new List<InlinedFeature>();
        for (int i = 0; i < resolver.Inputs.Count; i++)
        {
            var input = resolver.Inputs[i];
            var name = lift.InputNames[i];
            // One input per name, as LiftedNode binds them: two inputs bound to one feature read the same column.
            if (replacements.ContainsKey(name)) continue;
            if (input.Steps.Count != 1 || input.Feature.Kind != FeatureKind.Scalar)
                return Inlined.No($"{by} from {input.Text}, which is not a value of the {_child.Name} row itself");
            var type = FeatureExprTypes.Of(input.Feature.Type!);
            if (type is null || (reads.TryGetValue(name, out var read) && read.Type != type))
                return Inlined.No($"{by} from {input.Text}, whose type {input.Feature.Type} is not what the body reads");
            Expr value;
            if (AggregatePushdown.ColumnOf(_fetch, input.Feature.Path) is not null)
            {
                // Read as nullable whatever the parameter says: a required one is null on the rows the guard below skips.
                value = Expr.Col(input.Feature.Path, type.Value, nullable: true);
            }
            else
            {
                var inner = Column(input.Feature.Path, depth + 1);
                if (inner.Reason is not null) return Inlined.No($"{by} from {input.Feature.Path}, which is not inlined: {inner.Reason}");
                value = inner.Expression!;
                features.AddRange(inner.Features.Where(f => !features.Contains(f)));
            }
            replacements[name] = value;
            if (LiftedNodes.IsRequired(resolver, i, input)) required.Add(Expr.IsNull(value));
        }
        if (reads.Keys.FirstOrDefault(r => r != AggregateExpr.AsOfColumn && !replacements.ContainsKey(r)) is { } unknown)
            return Inlined.No($"{by} reading {unknown}, which is none of its inputs");
        // The child frame carries the parent row's query time, which is the aggregate's as-of: AsOfColumn reads the same.
        var expression = ExprColumns.Replace(body, c => replacements.GetValueOrDefault(c.Name));
        if (required.Count > 0)
            expression = Expr.If(required.Aggregate<Expr>((a, b) => Expr.Or(a, b)), Expr.Null(body.Type), expression);
        features.Add(new InlinedFeature(feature.Path, resolver));
        return new Inlined(expression, null, features);
    }

    // Simplifier.CanFail counts every division as fallible; a float division or remainder is IEEE (±∞, NaN) and never
    // throws, so a body like (double)pages / copies stays inlinable. Anything else is as the simplifier says.
    private static bool CanFail(Expr e) => e switch
    {
        ErrorExpr => true,
        CallExpr { Name: "div" or "rem" } c when c.Args[0].Type is ExprType.Float32 or ExprType.Float64 => c.Args.Any(CanFail),
        CallExpr c when c.Function.CanFailWith(c.Signature) => true,
        AggregateExpr => true,
        _ => e.Children.Any(CanFail),
    };

    /// <summary>A computed feature's inlined expression and the features inlined into it (inner ones first), or why it is not inlined.</summary>
    private sealed record Inlined(Expr? Expression, string? Reason, IReadOnlyList<InlinedFeature> Features)
    {
        public static Inlined No(string reason) => new(null, reason, []);
    }
}

/// <summary>A child feature whose resolver's lifted expression is inlined into a pushed-down aggregate.</summary>
/// <param name="Feature">The child feature, e.g. <c>delivery.late_minutes</c>.</param>
/// <param name="Resolver">The lifted C# body that computes it.</param>
internal sealed record InlinedFeature(string Feature, ResolverDefinition Resolver)
{
    public override string ToString() => $"{Feature} = {Resolver.Name}";
}

/// <summary>What <see cref="ChildResolverInlining.Apply"/> made of an aggregate.</summary>
/// <param name="Aggregate">The aggregate with the inlinable computed child features replaced (the same node when none was).</param>
/// <param name="Inlined">The features inlined, inner ones first.</param>
/// <param name="NotInlined">Per computed child column left as it is, why it is not inlined.</param>
internal sealed record InliningResult(AggregateExpr Aggregate, IReadOnlyList<InlinedFeature> Inlined, IReadOnlyDictionary<string, string> NotInlined);
