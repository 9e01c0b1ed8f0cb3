using Chalk.Definitions;
using Chalk.Resolvers;

namespace Chalk;

/// <summary>The plan error for a query that asks for a relation itself (<c>review.user</c>), which has no single value.</summary>
internal static class RelationOutput
{
    private const int MaxExamples = 6;

    public static ChalkPlanException Error(EngineDefinitions definitions, FeaturePath path)
    {
        var relation = path.Feature;
        var target = relation.Target!;
        if (relation.Kind == FeatureKind.HasOne)
        {
            var features = target.Features.Where(f => f.Kind == FeatureKind.Scalar).Select(f => path.Text + "." + f.Name).ToList();
            return new ChalkPlanException(
                $"{path.Text} is a has-one relation to {target.ClrType.Name}, not a value; ask for its features, e.g. {Examples(features)}");
        }
        // Features of the relation's owner computed from it, named by the path the query took to the owner.
        var prefix = path.Text[..path.Text.LastIndexOf('.')];
        var aggregates = definitions.Resolvers
            .Where(r => r.Class == relation.Owner && r is ComputedPropertyDefinition or MethodResolverDefinition
                && r.Inputs.Any(i => i.Steps[0] == relation))
            .SelectMany(r => r.Outputs).Select(f => prefix + "." + f.Name).Distinct().ToList();
        var ask = aggregates.Count > 0
            ? $"ask for an aggregate computed from it, e.g. {Examples(aggregates)}"
            : $"ask for an aggregate computed from it: add one to {relation.Owner.ClrType.Name}, e.g. public long {relation.Property?.Name ?? relation.Name}Count => {relation.Property?.Name ?? relation.Name}.Count();";
        return new ChalkPlanException($"{path.Text} is a has-many relation to {target.ClrType.Name}, not a value; {ask}");
    }

    private static string Examples(List<string> names)
        => string.Join(", ", names.Take(MaxExamples)) + (names.Count > MaxExamples ? ", …" : "");
}
