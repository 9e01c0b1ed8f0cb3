using Chalk.Lifting;
using Chalk.Resolvers;

namespace Chalk.Definitions;

/// <summary>Everything an engine was built from: the feature classes and every resolver, indexed by output.</summary>
internal sealed class EngineDefinitions
{
    private readonly Dictionary<FeatureDefinition, List<ResolverDefinition>> _byOutput = new();

    public EngineDefinitions(FeatureRegistry registry, IReadOnlyList<ResolverDefinition> resolvers, IReadOnlyDictionary<ResolverDefinition, LiftOutcome>? lifts = null)
    {
        Lifts = lifts ?? new Dictionary<ResolverDefinition, LiftOutcome>();
        Registry = registry;
        Resolvers = resolvers;
        foreach (var r in resolvers)
        {
            foreach (var o in r.Outputs)
            {
                if (!_byOutput.TryGetValue(o, out var list)) _byOutput[o] = list = [];
                list.Add(r);
            }
        }
        // C# code first (it is what the user wrote for this feature), then lookups by placeholder, then tables.
        foreach (var list in _byOutput.Values)
            list.Sort((a, b) => Rank(a).CompareTo(Rank(b)));
    }

    public FeatureRegistry Registry { get; }

    public IReadOnlyList<ResolverDefinition> Resolvers { get; }

    /// <summary>Per C# resolver and computed property: lifted into the IR, or why it runs per row.</summary>
    public IReadOnlyDictionary<ResolverDefinition, LiftOutcome> Lifts { get; }

    public IReadOnlyList<ResolverDefinition> ResolversOf(FeatureDefinition feature)
        => _byOutput.TryGetValue(feature, out var list) ? list : [];

    /// <summary>SQL resolvers that can list a parent's children: tables (filtered by the foreign key) or files keyed by it.</summary>
    public IEnumerable<SqlResolverDefinition> FetchersOf(FeatureDefinition hasMany)
        => Resolvers.OfType<SqlResolverDefinition>()
            .Where(r => r.Class == hasMany.Target && r.Columns.Any(c => c.Feature == hasMany.ForeignKey)
                && (r.IsTable || (r.Placeholders.Count == 1 && r.Placeholders[0].Feature == hasMany.ForeignKey)))
            .OrderBy(r => r.IsTable ? 1 : 0);

    private static int Rank(ResolverDefinition r) => r switch
    {
        ComputedPropertyDefinition => 0,
        MethodResolverDefinition => 1,
        SqlResolverDefinition { IsTable: false } => 2,
        _ => 3,
    };
}
