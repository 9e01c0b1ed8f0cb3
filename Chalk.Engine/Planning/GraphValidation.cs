using Chalk.Definitions;
using Chalk.Planning.Logical;

namespace Chalk.Planning;

/// <summary>Checks at build time that every resolved feature can be planned from its class's primary key.</summary>
/// <remarks>Surfaces cycles when the engine is built rather than at the first query that meets them.</remarks>
internal static class GraphValidation
{
    /// <exception cref="ChalkCycleException">The resolvers form a cycle that no query could plan.</exception>
    public static void Validate(EngineDefinitions definitions)
    {
        ResolverCycles.Validate(definitions);
        foreach (var cls in definitions.Registry.Classes)
        {
            if (cls.PrimaryKey is null) continue;
            foreach (var f in cls.Features.Where(f => f.Kind == FeatureKind.Scalar && definitions.ResolversOf(f).Count > 0))
            {
                try
                {
                    LogicalPlanner.Plan(definitions, cls, [PlanNode.Root(cls).Column(cls.PrimaryKey)], [new FeaturePath(cls, [f])], online: false);
                }
                catch (ChalkCycleException ex) when (!(ex.Cycle.Count == 2 && ex.Cycle[0] == ex.Cycle[1]))
                {
                    throw new ChalkCycleException(ex.Cycle, $"{f.Path} cannot be computed: {ex.Message}", ex);
                }
                catch (ChalkPlanException)
                {
                    // A lookup keyed by a column it also selects cannot compute that column from the primary key: the
                    // column is an input of such queries, not a cycle (ResolverCycles agrees). Other gaps (a feature
                    // only reachable from other inputs) surface when a query asks for it.
                }
            }
        }
    }
}
