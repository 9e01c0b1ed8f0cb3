using CsCheck;
using Chalk.Definitions;

namespace Chalk.Tests.Engine.Properties;

/// <summary>What a generated case may contain.</summary>
/// <param name="MissingRows">Null and dangling foreign keys, and query keys that name no row or are null.</param>
/// <param name="NulInKeys">String keys containing U+0000 (issue 12, item 2).</param>
internal sealed record GraphOptions(bool MissingRows, bool NulInKeys);

/// <summary>One generated case: the classes, their rows and the queries to run.</summary>
internal sealed record GraphCase(GraphSpec Graph, GraphData Data, IReadOnlyList<QuerySpec> Queries, int[] Tape, int TapeUsed)
{
    public override string ToString() => GraphSource.Describe(this);
}

/// <summary>CsCheck generators of random feature graphs, their data and queries.</summary>
internal static partial class GraphGen
{
    private static readonly string[] s_classNames = ["Alpha", "Beta", "Gamma", "Delta"];

    private static readonly HashSet<string> s_avoid = (Environment.GetEnvironmentVariable("CHALK_PROPERTIES_AVOID") ?? "")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a shape that shows a known, still open bug is left out (<c>CHALK_PROPERTIES_AVOID=throwing-aggregates,same-feature-twice</c>: Max/Min that fail on
    /// no rows, which lifted bodies evaluate even in a branch not taken; two resolver parameters bound to one feature),
    /// so a search can look past it; FoundDiscrepancyTests keeps each such bug.</summary>
    public static bool Avoids(string shape) => s_avoid.Contains(shape);

    /// <summary>A tape of choices (see <see cref="Choices"/>) turned into a case; CsCheck shrinks the tape.</summary>
    public static Gen<GraphCase> Cases(GraphOptions options) =>
        Gen.Int[0, int.MaxValue].Array[0, 1200].Select(tape => Build(tape, options));

    public static GraphCase Build(int[] tape, GraphOptions options)
    {
        var c = new Choices(tape);
        var graph = Structure(c);
        var data = GraphDataGen.Rows(c, graph, options);
        var queries = GraphDataGen.Queries(c, graph, data, options);
        return new GraphCase(graph, data, queries, tape, c.Used);
    }

    private static GraphSpec Structure(Choices c)
    {
        int n = 2 + c.Next(3);
        var stringKeys = Enumerable.Range(0, n).Select(_ => c.Maybe(35)).ToArray();
        var byOwnKey = ByOwnKeyPairs(c, n);
        foreach (var (owner, target) in byOwnKey) stringKeys[target] = stringKeys[owner];
        var classes = Enumerable.Range(0, n).Select(i => new ClassSpec(s_classNames[i], stringKeys[i])).ToList();
        foreach (var cls in classes)
        {
            int count = 1 + c.Next(4);
            for (int k = 1; k <= count; k++)
            {
                var type = new ScalarType((ValueKind)c.Next(4), c.Maybe(35));
                var prefix = (type.Nullable ? "Opt" : "") + type.Kind switch
                {
                    ValueKind.Long => "Num",
                    ValueKind.Double => "Ratio",
                    ValueKind.Bool => "Flag",
                    _ => "Label",
                };
                cls.Stored.Add(new FieldSpec(prefix + k, type));
            }
        }
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                if (!c.Maybe(65)) continue;
                var target = classes[j];
                var fk = new FieldSpec(target.Name + "Id", target.KeyType with { Nullable = c.Maybe(70) });
                var hasOne = new HasOneSpec(j, target.Name, fk);
                classes[i].HasOnes.Add(hasOne);
                if (c.Maybe(60) && !byOwnKey.Contains((i, j))) target.HasManys.Add(new HasManySpec(i, classes[i].Name + "s", hasOne));
            }
        }
        AddByOwnKey(c, classes, byOwnKey);
        var children = classes.SelectMany(x => x.HasManys).Select(h => h.Child).ToHashSet();
        foreach (var child in children.Where(_ => c.Maybe(50)))
            classes[child].Time = new FieldSpec("CreatedAt", new ScalarType(ValueKind.DateTime, c.Maybe(30)));
        foreach (var cls in classes) AddWindowed(c, cls, classes);
        for (int i = 0; i < n; i++)
        {
            classes[i].TableShaped = children.Contains(i) || c.Maybe(50);
            classes[i].Sqlite = c.Maybe(25);
        }
        // Last class first: a has-one points to a later class, so its target's computed properties exist to be read.
        foreach (var cls in Enumerable.Reverse(classes)) AddComputed(c, cls, classes);
        foreach (var cls in classes) AddAggregatesOfComputed(c, cls, classes);
        foreach (var cls in classes) AddResolvers(c, cls, classes);
        return new GraphSpec(classes, c.Maybe(50));
    }

    private static void AddComputed(Choices c, ClassSpec cls, IReadOnlyList<ClassSpec> classes)
    {
        int count = 1 + c.Next(4);
        for (int k = 1; k <= count; k++)
        {
            var leaves = cls.Columns.Select(f => (f.Property, f.Type))
                .Concat(cls.Computed.Where(x => !x.Tolerant).Select(x => (x.Property, x.Type))).ToList();
            var env = new ExprEnv
            {
                Leaves = leaves,
                HasOnes = cls.HasOnes.Select(h => (h.Property, classes[h.Target])).ToList(),
                HasManys = cls.HasManys.Select(h => (h.Property, classes[h.Child])).ToList(),
            };
            var type = new ScalarType((ValueKind)c.Next(4), c.Maybe(30));
            var (body, tolerant) = new ExprGen(c, env).Body(type, 1 + c.Next(4));
            cls.Computed.Add(new ComputedSpec("Calc" + k, type, body, tolerant));
        }
    }

    /// <summary>Aggregates over a child's computed properties (aggregated in the engine, since SQL cannot compute them);
    /// added last and read by nothing, so they make no cycle.</summary>
    private static void AddAggregatesOfComputed(Choices c, ClassSpec cls, IReadOnlyList<ClassSpec> classes)
    {
        foreach (var h in cls.HasManys)
        {
            if (!c.Maybe(60)) continue;
            var child = classes[h.Child];
            var longs = child.Computed.Where(x => x.Type == new ScalarType(ValueKind.Long, false)).ToList();
            var bools = child.Computed.Where(x => x.Type == new ScalarType(ValueKind.Bool, false)).ToList();
            var strings = child.Computed.Where(x => x.Type.Kind == ValueKind.String).ToList();
            (ScalarType Type, string Body)? agg = c.Next(5) switch
            {
                0 when longs.Count > 0 => (new(ValueKind.Long, false), $"{h.Property}.Sum(c => c.{c.Pick(longs).Property})"),
                1 when longs.Count > 0 => (new(ValueKind.Long, true), $"{h.Property}.Max(c => (long?)c.{c.Pick(longs).Property})"),
                2 when bools.Count > 0 => (new(ValueKind.Long, false), $"((long){h.Property}.Count(c => c.{c.Pick(bools).Property}))"),
                3 when bools.Count > 0 => (new(ValueKind.Bool, false), $"{h.Property}.Any(c => c.{c.Pick(bools).Property})"),
                4 when strings.Count > 0 => (new(ValueKind.Long, false), $"((long){h.Property}.Select(c => c.{c.Pick(strings).Property}).Distinct().Count())"),
                _ => null,
            };
            if (agg is { } a) cls.Computed.Add(new ComputedSpec("Agg" + (cls.Computed.Count + 1), a.Type, a.Body, false));
        }
    }

    private static readonly string[][] s_durations = [["1d"], ["7d"], ["1d", "30d"], ["1d", "7d", "30d"]];

    private static void AddWindowed(Choices c, ClassSpec cls, IReadOnlyList<ClassSpec> classes)
    {
        foreach (var h in cls.HasManys.Where(h => classes[h.Child].Time is not null))
        {
            if (!c.Maybe(70)) continue;
            var child = classes[h.Child];
            var durations = c.Pick(s_durations);
            var sum = child.Stored.FirstOrDefault(f => f.Type == new ScalarType(ValueKind.Long, false));
            var (type, body) = c.Next(3) switch
            {
                1 when sum is not null => (new ScalarType(ValueKind.Long, false), $"{h.Property}.Where(c => c.CreatedAt > w.Start).Sum(c => c.{sum.Property})"),
                2 => (new ScalarType(ValueKind.Bool, false), $"{h.Property}.Any(c => c.CreatedAt >= w.Start)"),
                _ => (new ScalarType(ValueKind.Long, false), $"((long){h.Property}.Count(c => c.CreatedAt >= w.Start))"),
            };
            cls.Windowed.Add(new WindowedSpec("Recent" + (cls.Windowed.Count + 1), type, durations, body));
        }
    }

    private static void AddResolvers(Choices c, ClassSpec cls, IReadOnlyList<ClassSpec> classes)
    {
        int count = c.Next(3);
        for (int k = 1; k <= count; k++)
        {
            var candidates = cls.Columns
                .Select(f => (Path: (string?)null, Name: char.ToLowerInvariant(f.Property[0]) + f.Property[1..], f.Type, Related: false))
                .Concat(cls.HasOnes.SelectMany(h => classes[h.Target].Stored.Select(f =>
                    (Path: (string?)$"{cls.Snake}.{FeatureNames.ToSnakeCase(h.Property)}.{f.Feature}", Name: "", f.Type, Related: true))))
                .Concat(cls.HasOnes.SelectMany(h => classes[h.Target].HasOnes.SelectMany(h2 => classes[h2.Target].Stored.Select(f =>
                    (Path: (string?)$"{cls.Snake}.{FeatureNames.ToSnakeCase(h.Property)}.{FeatureNames.ToSnakeCase(h2.Property)}.{f.Feature}",
                        Name: "", f.Type, Related: true)))))
                .ToList();
            var parameters = new List<ParameterSpec>();
            int wanted = 1 + c.Next(3);
            for (int p = 0; p < wanted; p++)
            {
                var pick = c.Pick(candidates);
                if (pick.Path is null && parameters.Any(x => x.Name == pick.Name)) continue;
                if (pick.Path is not null && Avoids("same-feature-twice") && parameters.Any(x => x.FeaturePath == pick.Path)) continue;
                var type = pick.Type;
                // A has-one path may be read as non-nullable (the method is then not called where the row is missing);
                // a feature of the row itself may be widened to nullable.
                if (pick.Related) type = c.Maybe(50) ? type.AsNullable : type.AsNonNull;
                else if (!type.Nullable && type.Kind != ValueKind.String && c.Maybe(30)) type = type.AsNullable;
                parameters.Add(new ParameterSpec(pick.Path is null ? pick.Name : "p" + p, type, pick.Path));
            }
            var output = new ScalarType((ValueKind)c.Next(4), c.Maybe(30));
            var env = new ExprEnv { Leaves = parameters.Select(p => (p.Name, p.Type)).ToList() };
            var gen = new ExprGen(c, env);
            string body;
            if (output == new ScalarType(ValueKind.Long, false) && c.Maybe(50))
                body = $"{{ long acc = 1; for (int i = 0; i < 3; i++) acc = unchecked(acc * 31 + {gen.Of(output, 1)}); return acc; }}";
            else if (output == new ScalarType(ValueKind.String, false) && c.Maybe(50))
                body = $"{{ var s = \"\"; foreach (var ch in {gen.Of(output, 1)}) s = ch + s; return s; }}";
            else
                body = "=> unchecked(" + gen.Of(output, 1 + c.Next(2)) + ");";
            cls.Resolvers.Add(new ResolverSpec("Res" + k, output, parameters, body));
        }
    }
}
