using Chalk.Definitions;

namespace Chalk.Tests.Engine.Properties;

/// <summary>Random rows (tricky strings, NaN, ±0, extreme integers; null, dangling and existing foreign keys) and queries.</summary>
internal static class GraphDataGen
{
    private static readonly long[] s_longs = [0, 1, 2, -1, 5, 100, -7, 42, long.MaxValue, long.MinValue, int.MaxValue];
    private static readonly double[] s_doubles = [0.0, 1.5, -2.25, 0.5, 3.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.1, 1e300, -1e300];
    private static readonly string[] s_strings = ["", "a", "B", "hello world", "é", "e\u0301", "😀", "O'Reilly", " x ", "%_", "a\0b"];
    private static readonly string[] s_stringKeys = ["a", "b", "A", "", "é", "O'Reilly", " a", "a ", "😀", "%", "ß", "a\0b", "a\0"];
    private static readonly long[] s_exoticKeys = [-1, 0, long.MaxValue, long.MinValue];
    private static readonly TimeSpan[] s_ages = [TimeSpan.FromHours(1), TimeSpan.FromDays(2), TimeSpan.Zero, TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(40), TimeSpan.FromDays(-1)];

    /// <summary>The engines' clock (and so every online query's time): child rows created later are invisible.</summary>
    public static DateTime Now { get; } = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    public static GraphData Rows(Choices c, GraphSpec graph, GraphOptions options)
    {
        var all = new List<List<Dictionary<string, object?>>>();
        // Keys first: foreign keys pick among them. A has-one by its owner's own key comes after its owner (it points to
        // a later class), so its target's keys are drawn from the owner's.
        var keys = new List<List<object>>();
        for (int i = 0; i < graph.Classes.Count; i++)
        {
            int owner = Enumerable.Range(0, i).FirstOrDefault(o => graph.Classes[o].HasOnes.Any(h => h.ByOwnKey && h.Target == i), -1);
            keys.Add(owner < 0 ? Keys(c, graph.Classes[i], options) : SharedKeys(c, graph.Classes[i], keys[owner], options));
        }
        for (int i = 0; i < graph.Classes.Count; i++)
        {
            var cls = graph.Classes[i];
            var rows = new List<Dictionary<string, object?>>();
            foreach (var key in keys[i])
            {
                var row = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Id"] = key };
                foreach (var h in cls.HasOnes.Where(h => !h.ByOwnKey)) row[h.ForeignKey.Property] = ForeignKey(c, h, graph, keys, options);
                foreach (var f in cls.Stored) row[f.Property] = Value(c, f.Type, cls.Sqlite);
                if (cls.Time is { } time) row[time.Property] = time.Type.Nullable && c.Maybe(20) ? null : Now - s_ages[c.Next(s_ages.Length)];
                rows.Add(row);
            }
            all.Add(rows);
        }
        return new GraphData(all);
    }

    private static List<object> Keys(Choices c, ClassSpec cls, GraphOptions options)
    {
        int count = c.Next(7) + (options.MissingRows ? 0 : 1);
        var keys = new List<object>();
        for (int k = 0; k < count; k++)
        {
            object key = cls.StringKey
                ? s_stringKeys[c.Next(options.NulInKeys ? s_stringKeys.Length : s_stringKeys.Length - 2)]
                : c.Maybe(25) ? s_exoticKeys[c.Next(s_exoticKeys.Length)] : (long)(k + 1);
            if (!keys.Contains(key)) keys.Add(key);
        }
        return keys;
    }

    /// <summary>The keys of a has-one target keyed by its owner's own key: the owner's keys (some left out, so an owner
    /// row has no target row, when rows may be missing) and orphans, keys that name no owner row (often a key a dangling
    /// foreign key or a query names, so rows under a missing parent are there to be found), anywhere among them.</summary>
    private static List<object> SharedKeys(Choices c, ClassSpec cls, List<object> ownerKeys, GraphOptions options)
    {
        var keys = ownerKeys.Where(_ => !options.MissingRows || !c.Maybe(35)).ToList();
        int orphans = c.Next(3);
        for (int k = 0; k < orphans; k++)
        {
            var orphan = MissingKey(c, cls, ownerKeys.Concat(keys), options);
            if (!keys.Contains(orphan)) keys.Insert(c.Next(keys.Count + 1), orphan);
        }
        return keys;
    }

    /// <summary>A key of the class that names no row.</summary>
    public static object MissingKey(Choices c, ClassSpec cls, IEnumerable<object?> existing, GraphOptions options)
    {
        var taken = existing.ToHashSet();
        object[] candidates = cls.StringKey
            ? ["zz", "missing", "A ", .. options.NulInKeys ? new object[] { "a\0", "a\0b" } : [], "b", "a"]
            : [999L, -99L, 3L, 1L, long.MaxValue];
        var free = candidates.Where(k => !taken.Contains(k)).ToList();
        return free.Count == 0 ? (cls.StringKey ? "never-a-key" : 123_456_789L) : free[c.Next(free.Count)];
    }

    /// <summary>A key of class <paramref name="cls"/> that names no row; half the time, where there is one, the key of
    /// an orphan (a row of a has-one by <paramref name="cls"/>'s own key whose owner does not exist), so a lookup under
    /// a missing row finds a row that must stay invisible.</summary>
    private static object MissingKey(Choices c, GraphSpec graph, int cls, IReadOnlyList<IReadOnlyCollection<object>> keys, GraphOptions options)
    {
        var orphans = graph.Classes[cls].HasOnes.Where(h => h.ByOwnKey).SelectMany(h => keys[h.Target])
            .Where(k => !keys[cls].Contains(k)).Distinct().ToList();
        return orphans.Count > 0 && c.Maybe(50) ? c.Pick(orphans) : MissingKey(c, graph.Classes[cls], keys[cls], options);
    }

    private static object? ForeignKey(Choices c, HasOneSpec h, GraphSpec graph, IReadOnlyList<IReadOnlyCollection<object>> keys, GraphOptions options)
    {
        var targetKeys = keys[h.Target].ToList();
        int roll = c.Next(10);
        if (targetKeys.Count > 0 && (roll < 6 || !options.MissingRows)) return targetKeys[c.Next(targetKeys.Count)];
        if (!options.MissingRows)
            return h.ForeignKey.Type.Nullable ? null : MissingKey(c, graph, h.Target, keys, options);
        if (roll < 8 && h.ForeignKey.Type.Nullable) return null;
        return MissingKey(c, graph, h.Target, keys, options);
    }

    private static object? Value(Choices c, ScalarType type, bool sqlite)
    {
        if (type.Nullable && c.Maybe(25)) return null;
        return type.Kind switch
        {
            ValueKind.Long => s_longs[c.Next(c.Maybe(30) ? s_longs.Length : 8)],
            // SQLite stores NaN as NULL and an integral REAL as an integer (so -0.0 reads back as +0.0).
            ValueKind.Double when sqlite => s_doubles[c.Next(c.Maybe(35) ? s_doubles.Length : 6)] is var d && (double.IsNaN(d) || double.IsNegative(d) && d == 0) ? 0.5 : d,
            ValueKind.Double => s_doubles[c.Next(c.Maybe(35) ? s_doubles.Length : 6)],
            ValueKind.Bool => c.Next(2) == 1,
            _ => s_strings[c.Next(s_strings.Length)],
        };
    }

    public static IReadOnlyList<QuerySpec> Queries(Choices c, GraphSpec graph, GraphData data, GraphOptions options)
    {
        var queries = new List<QuerySpec>();
        var rowKeys = data.Rows.Select(rows => (IReadOnlyCollection<object>)rows.Select(r => r["Id"]!).ToList()).ToList();
        int count = 1 + c.Next(3);
        for (int q = 0; q < count; q++)
        {
            int root = c.Next(graph.Classes.Count);
            // With a has-one by its owner's key, two queries in three read through one, below another has-one if they can.
            bool byOwnKey = graph.Classes.Any(x => x.HasOnes.Any(h => h.ByOwnKey)) && c.Maybe(65);
            if (byOwnKey) root = RootThroughOwnKey(c, graph) ?? root;
            var reachable = Reachable(graph, root).SelectMany(r => graph.Classes[r.Class].Outputs.Select(o => r.Prefix + "." + o.Feature)).ToList();
            var outputs = new List<string>();
            int wanted = 1 + c.Next(8);
            for (int k = 0; k < wanted; k++)
            {
                var o = reachable[c.Next(reachable.Count)];
                if (!outputs.Contains(o)) outputs.Add(o);
            }
            var through = GraphGen.OutputsByOwnKey(graph, root).ToList();
            if (byOwnKey && through.Count > 0)
            {
                var below = through.Where(t => t.Below).ToList();
                var o = (below.Count > 0 && c.Maybe(75) ? c.Pick(below) : c.Pick(through)).Output;
                if (!outputs.Contains(o)) outputs.Insert(c.Next(outputs.Count + 1), o);
            }
            var existing = data.Rows[root].Select(r => r["Id"]).ToList();
            var keys = new List<object?>();
            int n = 1 + c.Next(6);
            for (int k = 0; k < n; k++)
            {
                int roll = c.Next(10);
                if (existing.Count > 0 && (roll < 6 || !options.MissingRows)) keys.Add(existing[c.Next(existing.Count)]);
                else if (!options.MissingRows) continue;
                else keys.Add(roll < 8 ? MissingKey(c, graph, root, rowKeys, options) : null);
            }
            if (keys.Count > 0) queries.Add(new QuerySpec(root, outputs, keys));
        }
        return queries;
    }

    /// <summary>A root from which a has-one by its owner's key is reached below another has-one (or else at all), if any.</summary>
    private static int? RootThroughOwnKey(Choices c, GraphSpec graph)
    {
        var roots = Enumerable.Range(0, graph.Classes.Count).Select(r => (Root: r, Through: GraphGen.OutputsByOwnKey(graph, r).ToList()))
            .Where(r => r.Through.Count > 0).ToList();
        var below = roots.Where(r => r.Through.Any(t => t.Below)).ToList();
        if (below.Count > 0 && c.Maybe(75)) return c.Pick(below).Root;
        return roots.Count > 0 ? c.Pick(roots).Root : null;
    }

    /// <summary>The classes a query rooted at <paramref name="root"/> reaches through has-one relations (depth ≤ 2), with their path prefixes.</summary>
    public static IEnumerable<(string Prefix, int Class)> Reachable(GraphSpec graph, int root)
    {
        var frontier = new List<(string, int)> { (graph.Classes[root].Snake, root) };
        for (int depth = 0; depth <= 2; depth++)
        {
            var next = new List<(string, int)>();
            foreach (var (prefix, cls) in frontier)
            {
                yield return (prefix, cls);
                foreach (var h in graph.Classes[cls].HasOnes) next.Add((prefix + "." + FeatureNames.ToSnakeCase(h.Property), h.Target));
            }
            frontier = next;
        }
    }
}
