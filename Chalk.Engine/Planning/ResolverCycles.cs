using Chalk.Definitions;
using Chalk.Resolvers;

namespace Chalk.Planning;

/// <summary>Finds the cycles among resolvers that no query could plan, from the definitions alone.</summary>
/// <remarks>
/// The graph has one node per feature of a class (not per path) and an edge from a feature to each feature one of its
/// resolvers reads. Two kinds of cycle are errors:
/// <list type="bullet">
/// <item>A cycle every resolver of some feature depends on: no alternative breaks it, so every query for those
/// features fails. A feature is computable when one of its resolvers reads only computable features; a primary key
/// and a feature with no resolver (a query input) are computable.</item>
/// <item>A cycle that passes through a related object (<c>node.a</c> needs <c>node.parent.a</c>, or a has-many child
/// needs its parent's feature). The planner detects a cycle by meeting the same column twice; here the column grows
/// at each turn, so it would follow the relation until the stack overflows, even where another resolver could break
/// it. Such a cycle is an error whichever resolvers are involved.</item>
/// </list>
/// A cycle on one object through a resolver that has an alternative (a lookup file keyed by a feature computed from
/// its own output, next to a table file) is valid: the planner meets the column twice, drops that resolver and takes the next.
/// </remarks>
internal static class ResolverCycles
{
    private sealed record Edge(FeatureDefinition From, FeatureDefinition To, bool ThroughRelation, ResolverDefinition Via, FeaturePath Input);

    /// <exception cref="ChalkCycleException">A cycle of either kind; the message lists it in order and names the resolvers.</exception>
    public static void Validate(EngineDefinitions definitions)
    {
        var edges = new Dictionary<FeatureDefinition, List<(ResolverDefinition Resolver, List<Edge> Edges)>>();
        var features = definitions.Registry.Classes.SelectMany(c => c.Features).Where(f => f.Kind == FeatureKind.Scalar).ToList();
        foreach (var f in features)
            edges[f] = Candidates(definitions, f).Select(r => (r, Dependencies(definitions, f, r))).ToList();

        var computable = Computable(features, edges);
        var stuck = features.Where(f => !computable.Contains(f)).ToList();
        if (stuck.Count > 0) throw Unbreakable(stuck, edges, computable);

        var all = edges.Values.SelectMany(c => c).SelectMany(c => c.Edges).ToList();
        var component = StronglyConnected(features, all);
        if (all.FirstOrDefault(e => e.ThroughRelation && component[e.From] == component[e.To]) is { } recursive)
            throw ThroughRelation(recursive, all, component);
    }

    /// <summary>The resolvers the planner may use for a feature, in the order it tries them.</summary>
    private static IEnumerable<ResolverDefinition> Candidates(EngineDefinitions definitions, FeatureDefinition f)
        => definitions.ResolversOf(f).Where(r => r is not SqlResolverDefinition { IsTable: true } || (f.Owner.PrimaryKey is not null && !f.IsPrimary));

    /// <summary>The features a resolver needs to compute <paramref name="output"/>, following its inputs the way the planner does.</summary>
    private static List<Edge> Dependencies(EngineDefinitions definitions, FeatureDefinition output, ResolverDefinition r)
    {
        var result = new List<Edge>();
        foreach (var input in r.Inputs)
        {
            bool through = false;
            HashSet<FeatureDefinition>? fetched = null;
            for (int i = 0; i < input.Steps.Count; i++)
            {
                var s = input.Steps[i];
                bool last = i == input.Steps.Count - 1;
                if (s.Kind == FeatureKind.HasOne)
                {
                    Need(s.ForeignKey!);
                    through = true;
                    fetched = null;
                }
                else if (s.Kind == FeatureKind.HasMany)
                {
                    // A child frame starts from the columns its fetcher selects; the rest is computed in it. Online and
                    // batch queries may use different fetchers, so only what every fetcher selects is surely there.
                    var fetchers = definitions.FetchersOf(s).ToList();
                    if (fetchers.Count == 0) break; // no way to list the children: a plan error, not a cycle
                    fetched = fetchers[0].Columns.Select(c => c.Feature).ToHashSet();
                    foreach (var other in fetchers.Skip(1)) fetched.IntersectWith(other.Columns.Select(c => c.Feature));
                    through = true;
                }
                else if (last && !(s.IsPrimary && (through || i == 0)))
                {
                    Need(s);
                }
                if (last) break;
            }

            void Need(FeatureDefinition to)
            {
                // A lookup keyed by the feature it also selects cannot compute that key: the key is its input, not a cycle.
                if (to.IsPrimary || (fetched?.Contains(to) ?? false) || (to == output && !through)) return;
                result.Add(new Edge(output, to, through, r, input));
            }
        }
        return result;
    }

    private static HashSet<FeatureDefinition> Computable(
        List<FeatureDefinition> features, Dictionary<FeatureDefinition, List<(ResolverDefinition Resolver, List<Edge> Edges)>> edges)
    {
        var computable = features.Where(f => f.IsPrimary || edges[f].Count == 0).ToHashSet();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var f in features)
            {
                if (computable.Contains(f) || !edges[f].Any(c => c.Edges.All(e => computable.Contains(e.To)))) continue;
                computable.Add(f);
                changed = true;
            }
        }
        return computable;
    }

    private static ChalkCycleException Unbreakable(
        List<FeatureDefinition> stuck, Dictionary<FeatureDefinition, List<(ResolverDefinition Resolver, List<Edge> Edges)>> edges, HashSet<FeatureDefinition> computable)
    {
        // Every resolver of a stuck feature reads another stuck feature, so following the first such read from any of
        // them must come back to a feature already on the walk.
        var walk = new List<Edge>();
        var at = stuck[0];
        while (walk.FindIndex(e => e.From == at) is var start && start < 0)
        {
            var next = edges[at].SelectMany(c => c.Edges).First(e => !computable.Contains(e.To));
            walk.Add(next);
            at = next.To;
        }
        var cycle = walk.Skip(walk.FindIndex(e => e.From == at)).ToList();
        var alternatives = cycle.Where(e => edges[e.From].Count > 1).Select(e => e.From.Path).Distinct().ToList();
        return Cycle(cycle,
            "no resolver of these features can run before the others" +
            (alternatives.Count == 0 ? "" : $" (the other resolvers of {string.Join(", ", alternatives)} need the cycle too)") +
            "; break it by computing one of them from features outside the cycle, or resolving one with a .chalk.sql file keyed by the primary key");
    }

    private static ChalkCycleException ThroughRelation(Edge recursive, List<Edge> all, Dictionary<FeatureDefinition, int> component)
    {
        // The shortest way back from the edge's end to its start, inside the component, closes the cycle.
        var cameFrom = new Dictionary<FeatureDefinition, Edge?> { [recursive.To] = null };
        var queue = new Queue<FeatureDefinition>([recursive.To]);
        while (queue.Count > 0 && !cameFrom.ContainsKey(recursive.From))
        {
            var f = queue.Dequeue();
            foreach (var e in all.Where(e => e.From == f && component[e.To] == component[f]))
                if (cameFrom.TryAdd(e.To, e)) queue.Enqueue(e.To);
        }
        var back = new List<Edge>();
        for (var e = cameFrom[recursive.From]; e is not null; e = cameFrom[e.From]) back.Add(e);
        back.Reverse();
        return Cycle([recursive, .. back],
            "it passes through a related object, so each turn needs the feature on another object and planning would never end; " +
            "break it by computing one of them without reading it back through the relation");
    }

    private static ChalkCycleException Cycle(List<Edge> cycle, string why)
    {
        var steps = cycle.Select(e => e.From.Path).Append(cycle[0].From.Path).ToList();
        var reads = string.Join("; ", cycle.Select(e => $"{e.From.Path} is computed by {Describe(e.Via)}, which reads {e.Input}"));
        return new ChalkCycleException(steps, $"cycle: {string.Join(" -> ", steps)} ({reads}): {why}");
    }

    private static string Describe(ResolverDefinition r) => r switch
    {
        ComputedPropertyDefinition c => $"the computed property {c.Feature.Member}",
        MethodResolverDefinition m => $"[Resolver] {m.Name}",
        SqlResolverDefinition s => $"{s.Origin}",
        _ => r.Origin,
    };

    /// <summary>Tarjan's algorithm, iteratively; returns each feature's component number.</summary>
    private static Dictionary<FeatureDefinition, int> StronglyConnected(List<FeatureDefinition> nodes, List<Edge> edges)
    {
        var outgoing = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).Distinct().ToList());
        var index = new Dictionary<FeatureDefinition, int>();
        var low = new Dictionary<FeatureDefinition, int>();
        var component = new Dictionary<FeatureDefinition, int>();
        var stack = new Stack<FeatureDefinition>();
        var onStack = new HashSet<FeatureDefinition>();
        int counter = 0, components = 0;
        foreach (var start in nodes)
        {
            if (index.ContainsKey(start)) continue;
            var work = new Stack<(FeatureDefinition Node, int Next)>();
            work.Push((start, 0));
            index[start] = low[start] = counter++;
            stack.Push(start);
            onStack.Add(start);
            while (work.Count > 0)
            {
                var (v, next) = work.Pop();
                var succ = outgoing.GetValueOrDefault(v) ?? [];
                if (next < succ.Count)
                {
                    work.Push((v, next + 1));
                    var w = succ[next];
                    if (!index.ContainsKey(w))
                    {
                        index[w] = low[w] = counter++;
                        stack.Push(w);
                        onStack.Add(w);
                        work.Push((w, 0));
                    }
                    else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
                    continue;
                }
                if (low[v] == index[v])
                {
                    FeatureDefinition w;
                    do { w = stack.Pop(); onStack.Remove(w); component[w] = components; } while (w != v);
                    components++;
                }
                if (work.Count > 0) { var parent = work.Peek().Node; low[parent] = Math.Min(low[parent], low[v]); }
            }
        }
        return component;
    }
}
