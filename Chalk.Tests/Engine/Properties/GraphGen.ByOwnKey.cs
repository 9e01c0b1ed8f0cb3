using Chalk.Definitions;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Has-ones keyed by the owner's own primary key (<c>[HasOne(ForeignKey = nameof(Id))] Gamma? GammaById</c>:
/// the target row whose key equals the owner's), which the planner looks up with the owner's lookup key when the owner
/// is itself a has-one target (root → by foreign key → by own key).</summary>
internal static partial class GraphGen
{
    /// <summary>In about a third of the graphs, one or more (owner, target) pairs, the target a later class (so it has
    /// no cycle) and the target of no other pair (so its keys are drawn from one owner's), mostly with an owner that is
    /// not the first class (so a has-one can lead to it). Ordered by owner: the target takes its owner's key type.</summary>
    private static List<(int Owner, int Target)> ByOwnKeyPairs(Choices c, int n)
    {
        var pairs = new List<(int Owner, int Target)>();
        if (!c.Maybe(32)) return pairs;
        do
        {
            var free = (from i in Enumerable.Range(0, n)
                        from j in Enumerable.Range(i + 1, n - i - 1)
                        where !pairs.Any(p => p.Target == j)
                        select (Owner: i, Target: j)).ToList();
            if (free.Count == 0) break;
            var deeper = free.Where(p => p.Owner > 0).ToList();
            pairs.Add(deeper.Count > 0 && c.Maybe(75) ? c.Pick(deeper) : c.Pick(free));
        }
        while (c.Maybe(25));
        return pairs.OrderBy(p => p.Owner).ToList();
    }

    /// <summary>Adds the pairs' has-ones (no foreign-key column: the owner's <c>Id</c> is the key). An owner that no
    /// has-one leads to mostly gets one by foreign key from an earlier class, so the shape the planner treats apart is
    /// common. No has-many runs over a pair (the structure left those out).</summary>
    private static void AddByOwnKey(Choices c, List<ClassSpec> classes, List<(int Owner, int Target)> pairs)
    {
        foreach (var (owner, target) in pairs)
        {
            if (owner > 0 && !classes.Any(x => x.HasOnes.Any(h => h.Target == owner)) && c.Maybe(85))
            {
                var parent = classes[c.Next(owner)];
                var fk = new FieldSpec(classes[owner].Name + "Id", classes[owner].KeyType with { Nullable = c.Maybe(70) });
                parent.HasOnes.Add(new HasOneSpec(owner, classes[owner].Name, fk));
            }
            var key = new FieldSpec("Id", classes[owner].KeyType);
            classes[owner].HasOnes.Add(new HasOneSpec(target, classes[target].Name + "ById", key, ByOwnKey: true));
        }
    }

    /// <summary>The outputs of a query rooted at <paramref name="root"/> whose path takes a has-one by its owner's key,
    /// and whether that step is below another has-one (its owner is not the root).</summary>
    public static IEnumerable<(string Output, bool Below)> OutputsByOwnKey(GraphSpec graph, int root)
    {
        var frontier = new List<(string Prefix, int Class, int Depth, bool Through, bool Below)> { (graph.Classes[root].Snake, root, 0, false, false) };
        while (frontier.Count > 0)
        {
            var next = new List<(string, int, int, bool, bool)>();
            foreach (var (prefix, cls, depth, through, below) in frontier)
            {
                if (through)
                    foreach (var o in graph.Classes[cls].Outputs) yield return (prefix + "." + o.Feature, below);
                if (depth == 2) continue;
                foreach (var h in graph.Classes[cls].HasOnes)
                    next.Add((prefix + "." + FeatureNames.ToSnakeCase(h.Property), h.Target, depth + 1, through || h.ByOwnKey, below || h.ByOwnKey && depth > 0));
            }
            frontier = next;
        }
    }
}
