using Chalk.Definitions;
using Chalk.Resolvers;

namespace Chalk;

/// <summary>The engine's features as a catalogue: what each is, what computes it and how, and what its documentation says.</summary>
public sealed partial class ChalkEngine
{
    /// <summary>Every feature of every class, in class and declaration order: its type, the resolver that computes it and
    /// how (SQL, lifted, per-row fallback, external call), its max staleness, and its XML documentation summary.</summary>
    public IReadOnlyList<FeatureDescription> DescribeFeatures()
    {
        var list = new List<FeatureDescription>();
        foreach (var cls in _definitions.Registry.Classes)
        {
            foreach (var f in cls.Features)
            {
                var resolver = _definitions.ResolversOf(f).FirstOrDefault();
                var type = f.Type?.ToString() ?? ClrTypeNames.Of(f.Property?.PropertyType ?? f.Getter.ReturnType);
                list.Add(new FeatureDescription(f.Path, type, resolver?.Name, Computation(f, resolver), f.MaxStaleness > TimeSpan.Zero ? f.MaxStaleness : null,
                    Definitions.XmlDocumentation.Summary(f)));
            }
        }
        return list;
    }

    private string Computation(FeatureDefinition feature, ResolverDefinition? resolver) => resolver switch
    {
        null => feature.Kind == FeatureKind.Scalar ? "input" : "relation",
        SqlResolverDefinition => "sql",
        MethodResolverDefinition { IsAsync: true } => "external",
        _ => _definitions.Lifts.TryGetValue(resolver, out var lift) && lift.Lifted ? "lifted" : "fallback",
    };
}
